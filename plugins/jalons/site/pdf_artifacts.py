"""The PDF's running footer (« RRECQ — Fiche jalon 22 — version : … », « page N / 3 ») marked as a pagination
artifact, so that a screen reader does not read it on every page (PDF/UA-1, Matterhorn checkpoint 18).

WeasyPrint 70 draws page-margin boxes as tagged content whose structure elements it leaves out of the
structure tree (it says that an Artifact there is for PDF 2.0 only). Those marked-content sequences are
found by that very fact, and become `/Artifact` sequences with no MCID, out of the parent tree.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

# The print template has bottom margin boxes only (print/fiche.css: @bottom-left, @bottom-right).
FOOTER = pikepdf.Dictionary(Type=pikepdf.Name.Pagination, Subtype=pikepdf.Name.Footer)


def _in_tree(structure_root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The structure elements reachable from the root, by object identity."""
    found, pending = set(), [structure_root.get("/K")]
    while pending:
        kid = pending.pop()
        if isinstance(kid, pikepdf.Array):
            pending.extend(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in found:
            found.add(kid.objgen)
            pending.append(kid.get("/K"))
    return found


def mark_running_artifacts(path: Path) -> int:
    """Rewrite the PDF at `path` in place; return how many marked-content sequences became artifacts."""
    changed = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        structure_root = pdf.Root.get("/StructTreeRoot")
        if structure_root is None:
            return 0
        in_tree = _in_tree(structure_root)
        nums = structure_root.ParentTree.Nums
        parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        for page in pdf.pages:
            elements = parents.get(int(page.obj.get("/StructParents", -1)))
            if not isinstance(elements, pikepdf.Array):
                continue
            operations, page_changed = [], False
            for operands, operator in pikepdf.parse_content_stream(page):
                properties = operands[1] if str(operator) == "BDC" and len(operands) == 2 else None
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    mcid = int(properties.MCID)
                    element = elements[mcid] if mcid < len(elements) else None
                    if isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree:
                        operands = [pikepdf.Name.Artifact, FOOTER]
                        elements[mcid] = pikepdf.Object.parse(b"null")
                        page_changed = True
                        changed += 1
                operations.append((operands, operator))
            if page_changed:
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
        if changed:
            # Deterministic: two builds of one commit give the same bytes.
            pdf.save(path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return changed

// HTML_CodeSniffer (WCAG 2 AA), through pa11y, on a list of pages at given widths, in Debian's Chromium.
// Reads [{"url": ..., "width": ...}, ...] as JSON on stdin; writes, as JSON on stdout, the errors found on
// each page: [{"url", "width", "errors": [{"code", "message", "selector"}]}] (notices and warnings are
// not errors). One browser serves every page, so a whole site takes seconds, not a browser start each.
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const pages = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results = new Array(pages.length);
  // A few pages at once: most of a page's time is spent waiting for it to load and settle.
  let next = 0;
  async function worker() {
    while (next < pages.length) {
      const index = next++;
      results[index] = await check(pages[index]);
    }
  }
  async function check({ url, width }) {
    const page = await browser.newPage();
    try {
      const result = await pa11y(url, {
        browser, page, standard: "WCAG2AA", runners: ["htmlcs"], includeWarnings: false,
        includeNotices: false, viewport: { width, height: 900 }, timeout: 60000,
      });
      return { url, width, errors: result.issues.filter((issue) => issue.type === "error").map(
        (issue) => ({ code: issue.code, message: issue.message, selector: issue.selector })) };
    } catch (error) {
      // pa11y failing on a page is a finding too (it once crashed on our markup).
      return { url, width, errors: [{ code: "pa11y", message: String(error && error.stack || error), selector: "" }] };
    } finally {
      await page.close().catch(() => {});
    }
  }
  try {
    await Promise.all([worker(), worker(), worker()]);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(2);
});

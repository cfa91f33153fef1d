// Lighthouse (mobile mode, its default) on a list of pages, in one Debian Chromium for them all.
// Reads {"urls": [...], "categories": [...]} as JSON on stdin; writes, as JSON on stdout, for each page:
// [{"url", "scores": {category: score}, "failed": [binary audit ids that did not pass]}].
// Started once per page, the command-line tool spent about half of each run starting Node and Chromium.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { readFileSync } from "node:fs";

const { urls, categories } = JSON.parse(readFileSync(0, "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", ...JSON.parse(process.env.CHROMIUM_ARGS || "[]")],
});
const results = [];
try {
  for (const url of urls) {
    // The full-page screenshot only illustrates the HTML report; no audit of these categories reads it.
    // The waits for a quiet page are shortened from 1 s each: the pages are static and served from this
    // machine (the tests' own checks wait for the network to be idle), and the waits were a quarter of
    // the run.
    const { lhr } = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories,
      disableFullPageScreenshot: true,
      pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250,
    });
    if (lhr.runtimeError) throw new Error(`${url} : ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    results.push({
      url,
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([key, category]) => [key, category.score])),
      failed: Object.values(lhr.audits).filter((audit) => audit.scoreDisplayMode === "binary" && audit.score !== null
        && audit.score < 1).map((audit) => audit.id).sort(),
    });
  }
} finally {
  chrome.kill();
}
process.stdout.write(JSON.stringify(results));

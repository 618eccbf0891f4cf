// Debian's Chromium, headless, as the tools' browser checks start it: no network of its own (no
// background requests, updates or sync), no GPU; CHROME_PATH points at another build.
const { chromium } = require("playwright-core");

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

module.exports = { launch };

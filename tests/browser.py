"""A real headless Chromium for the tests, driven by Selenium through the system chromedriver.

`chromium()` gives a started WebDriver or raises `BrowserUnavailable` with the reason (no selenium, no
browser, no driver, or the browser would not start); tests turn that into a skip unless
FACTCHECK_REQUIRE_BROWSER=1, when a missing browser is a failure (for CI, where one is installed).

Binaries: $FACTCHECK_CHROMIUM / $FACTCHECK_CHROMEDRIVER, else the first of chromium, chromium-browser,
google-chrome and chromedriver on PATH (Debian: `apt-get install chromium chromium-driver`). Selenium
Manager is never asked to download anything: the driver path is always given.

Run as a script to screenshot a page: python tests/browser.py page.html out.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver",)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US")


class BrowserUnavailable(RuntimeError):
    """No usable headless browser on this machine; the message says why."""


def required() -> bool:
    return os.environ.get("FACTCHECK_REQUIRE_BROWSER", "") not in ("", "0")


def _find(env: str, names: tuple[str, ...]) -> str | None:
    configured = os.environ.get(env)
    if configured:
        return configured if Path(configured).is_file() else None
    return next((found for name in names if (found := shutil.which(name))), None)


@contextmanager
def chromium(width: int = 1280, height: int = 900):
    """A started headless Chromium WebDriver with a throwaway profile; quit on exit."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise BrowserUnavailable("selenium is not installed (pip install selenium)") from None
    binary = _find("FACTCHECK_CHROMIUM", BROWSERS)
    if binary is None:
        raise BrowserUnavailable("no chromium on PATH (apt-get install chromium chromium-driver)")
    driver_path = _find("FACTCHECK_CHROMEDRIVER", DRIVERS)
    if driver_path is None:
        raise BrowserUnavailable("no chromedriver on PATH (apt-get install chromium-driver)")
    with tempfile.TemporaryDirectory(prefix="factcheck-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        try:
            driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        except WebDriverException as error:
            first = (error.msg or str(error)).strip().splitlines()[0] if (error.msg or str(error)) else "unknown error"
            raise BrowserUnavailable(f"{binary} with {driver_path} would not start: {first}") from None
        try:
            fit_viewport(driver, width, height)
            yield driver
        finally:
            driver.quit()


def fit_viewport(driver, width: int, height: int) -> None:
    """Size the window so the page viewport (what a screenshot shows) is exactly width x height."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight];")
    driver.set_window_size(width + width - inner[0], height + height - inner[1])


def screenshot(page: str | Path, out: str | Path, width: int = 1280, height: int = 900) -> None:
    with chromium(width, height) as driver:
        driver.get(Path(page).resolve().as_uri())
        driver.save_screenshot(str(out))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    size = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (1280, 900)
    screenshot(sys.argv[1], sys.argv[2], *size)

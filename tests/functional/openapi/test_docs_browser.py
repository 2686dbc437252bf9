"""The ``/docs`` page in headless Chromium: it renders, and its version selector works."""

import shutil
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from sample_api import sample_api_and_app

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="needs Debian's chromium and chromium-driver packages")
TIMEOUT = 30


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(sample_plugins):
    server = make_server("127.0.0.1", 0, sample_api_and_app()[1], handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


def operation_paths(browser):
    return {element.text.replace("\u200b", "") for element in
            browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}


def wait_for_path(browser, path):
    WebDriverWait(browser, TIMEOUT).until(lambda driver: path in operation_paths(driver))


def test_switching_version_shows_operations_of_that_version(browser, base_url):
    browser.get(f"{base_url}/docs?microversion=2.1")
    wait_for_path(browser, "/v2.1/widgets/{id}")
    assert "/v2.1/gadgets" not in operation_paths(browser)
    assert "2.1" in browser.find_element(By.CSS_SELECTOR, ".info .title").text

    selector = WebDriverWait(browser, TIMEOUT).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".topbar select")))
    Select(selector).select_by_visible_text("2.3")
    wait_for_path(browser, "/v2.1/gadgets")
    WebDriverWait(browser, TIMEOUT).until(
        lambda driver: "2.3" in driver.find_element(By.CSS_SELECTOR, ".info .title").text)

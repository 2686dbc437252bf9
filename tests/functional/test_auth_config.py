"""Authentication strategies configured from the configuration file, through the whole stack."""

import bcrypt
import pytest
import webtest

from apiframe.app import build_app
from apiframe.conf import make_conf

pytest.importorskip("keystonemiddleware")


def app_from(tmp_path, text):
    path = tmp_path / "apiframe.conf"
    path.write_text("[api]\nenabled_plugins = widgets\n" + text)
    return webtest.TestApp(build_app(make_conf(["--config-file", str(path)])))


def test_keystone_reads_its_section_and_ignores_spoofed_identity(tmp_path, sample_plugins):
    app = app_from(tmp_path, "[auth]\nstrategy = keystone\n[keystone_authtoken]\n"
                             "www_authenticate_uri = http://127.0.0.1:9/identity\n"
                             "auth_url = http://127.0.0.1:9/identity\n")
    resp = app.get("/v2.1/widgets", headers={"X-Roles": "admin", "X-User-Id": "u", "X-Project-Id": "p",
                                            "X-Identity-Status": "Confirmed"}, status=401)
    assert resp.json["unauthorized"]["code"] == 401
    assert resp.headers["WWW-Authenticate"] == 'Keystone uri="http://127.0.0.1:9/identity"'
    assert app.get("/").status_int == 200


def test_http_basic_from_configuration(tmp_path, sample_plugins):
    users = tmp_path / "htpasswd"
    users.write_text("carol:" + bcrypt.hashpw(b"s3cret", bcrypt.gensalt(rounds=4)).decode() + "\n")
    app = app_from(tmp_path, f"[auth]\nstrategy = http_basic\nhtpasswd_file = {users}\n")
    app.authorization = ("Basic", ("carol", "wrong"))
    resp = app.get("/v2.1/widgets", status=401)
    assert resp.headers["WWW-Authenticate"].startswith("Basic")
    app.authorization = ("Basic", ("carol", "s3cret"))
    assert app.get("/v2.1/widgets").json == {"widgets": []}

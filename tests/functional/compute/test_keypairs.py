"""Keypairs: generation and import (ssh-rsa, ecdsa, ed25519, x509), fingerprints, versions, quota."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest
from compute_testlib import IMAGE_ID, samples, unique
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from apiframe.testing import assert_fault

KEYPAIR_VERSIONS = ["2.1", "2.2", "2.10", "2.35", "2.92"]
SAMPLES = samples("keypairs", keypair_name="keypair-sample")


def ssh_public_key(kind: str) -> str:
    """A new OpenSSH public key line of ``kind`` (rsa, ecdsa, ed25519)."""
    key = {"rsa": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
           "ecdsa": lambda: ec.generate_private_key(ec.SECP256R1()),
           "ed25519": ed25519.Ed25519PrivateKey.generate}[kind]()
    line = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return line.decode() + " user@example"


def md5_fingerprint(public_key: str) -> str:
    """MD5 of the key blob, colon-separated hex: the fingerprint the compute API shows."""
    digest = hashlib.md5(base64.b64decode(public_key.split()[1]), usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def x509_certificate() -> tuple[str, str]:
    """A self-signed PEM certificate and its SHA-1 fingerprint (colon-separated hex)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "apiframe-test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    digest = cert.fingerprint(hashes.SHA1()).hex()
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            ":".join(digest[i:i + 2] for i in range(0, len(digest), 2)))


def _minor(version: str) -> int:
    return int(version.split(".")[1])


@pytest.mark.parametrize("version", KEYPAIR_VERSIONS)
def test_keypair_samples(tenant, version):
    client = tenant.client("member", version)
    public_key = ssh_public_key("ed25519")
    subs = {"user_id": tenant.user_id, "keypair_type": "ssh", "public_key": public_key,
            "fingerprint": md5_fingerprint(public_key)}
    created_status = 200 if version == "2.1" else 201
    if _minor(version) < 92:
        resp = client.post("/os-keypairs", SAMPLES.request("keypairs-post-req", subs, version=version),
                           status=created_status)
        generated = resp.json["keypair"]
        assert generated["private_key"].startswith("-----BEGIN RSA PRIVATE KEY-----")
        assert generated["fingerprint"] == md5_fingerprint(generated["public_key"])
        SAMPLES.verify("keypairs-post-resp", resp, {**subs, "private_key": generated["private_key"],
                                                    "public_key": generated["public_key"],
                                                    "fingerprint": generated["fingerprint"]},
                       version=version, endpoints=client.sample_endpoints)
        client.delete("/os-keypairs/keypair-sample", status=202 if version == "2.1" else 204)
    resp = SAMPLES.call(client, "POST", "/os-keypairs", "keypairs-import-post-req", "keypairs-import-post-resp",
                        subs, status=created_status)
    assert "private_key" not in resp.json["keypair"]
    SAMPLES.call(client, "GET", "/os-keypairs/keypair-sample", response="keypairs-get-resp", subs=subs)
    SAMPLES.call(client, "GET", "/os-keypairs?limit=1" if _minor(version) >= 35 else "/os-keypairs",
                 response="keypairs-list-resp", subs=subs)
    client.delete("/os-keypairs/keypair-sample", status=202 if version == "2.1" else 204)
    assert_fault(client.get("/os-keypairs/keypair-sample", status=404), 404, "itemNotFound")


@pytest.mark.parametrize("kind", ["rsa", "ecdsa", "ed25519"])
def test_import_ssh_keys_fingerprint(tenant, kind):
    client = tenant.client("member", "2.2")
    public_key = ssh_public_key(kind)
    keypair = client.post("/os-keypairs", {"keypair": {"name": kind, "public_key": public_key}},
                          status=201).json["keypair"]
    assert keypair["fingerprint"] == md5_fingerprint(public_key)
    assert (keypair["type"], keypair["public_key"], keypair["user_id"]) == ("ssh", public_key, tenant.user_id)
    shown = client.get(f"/os-keypairs/{kind}").json["keypair"]
    assert (shown["fingerprint"], shown["deleted"], shown["deleted_at"], shown["updated_at"]) == (
        md5_fingerprint(public_key), False, None, None)
    assert isinstance(shown["id"], int)


def test_import_x509_certificate(tenant):
    client = tenant.client("member", "2.2")
    certificate, fingerprint = x509_certificate()
    body = {"keypair": {"name": "cert", "type": "x509", "public_key": certificate}}
    keypair = client.post("/os-keypairs", body, status=201).json["keypair"]
    assert (keypair["type"], keypair["fingerprint"]) == ("x509", fingerprint)
    generated = client.post("/os-keypairs", {"keypair": {"name": "gen", "type": "x509"}}, status=201).json["keypair"]
    cert = x509.load_pem_x509_certificate(generated["public_key"].encode())
    digest = cert.fingerprint(hashes.SHA1()).hex()
    assert generated["fingerprint"] == ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
    assert generated["private_key"].startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == tenant.user_id
    bad = {"keypair": {"name": "bad-cert", "type": "x509", "public_key": ssh_public_key("ed25519")}}
    assert_fault(client.post("/os-keypairs", bad, status=400), 400, "badRequest")


def test_duplicate_name_is_409_and_names_are_per_user(tenant):
    client = tenant.client("member", "2.2")
    client.post("/os-keypairs", {"keypair": {"name": "dup", "public_key": ssh_public_key("ed25519")}}, status=201)
    resp = client.post("/os-keypairs", {"keypair": {"name": "dup", "public_key": ssh_public_key("ed25519")}},
                       status=409)
    assert_fault(resp, 409, "conflictingRequest")
    other = tenant.client("other-project", "2.2")
    other.post("/os-keypairs", {"keypair": {"name": "dup", "public_key": ssh_public_key("ed25519")}}, status=201)
    assert other.get("/os-keypairs/dup").json["keypair"]["user_id"] == tenant.personas["other-project"].user
    assert_fault(other.delete("/os-keypairs/nonexistent", status=404), 404, "itemNotFound")
    assert [k["keypair"]["name"] for k in client.get("/os-keypairs").json["keypairs"]] == ["dup"]


def test_generation_ends_at_292(tenant):
    assert_fault(tenant.client("member", "2.92").post("/os-keypairs", {"keypair": {"name": "gen"}}, status=400),
                 400, "badRequest")
    body = {"keypair": {"name": "with@and.dots", "public_key": ssh_public_key("ed25519")}}
    assert_fault(tenant.client("member", "2.91").post("/os-keypairs", body, status=400), 400, "badRequest")
    tenant.client("member", "2.92").post("/os-keypairs", body, status=201)


def test_admin_manages_other_users_keypairs_from_210(tenant):
    admin = tenant.client("admin", "2.10")
    body = {"keypair": {"name": "for-alice", "public_key": ssh_public_key("ed25519"), "user_id": tenant.user_id}}
    assert admin.post("/os-keypairs", body, status=201).json["keypair"]["user_id"] == tenant.user_id
    names = [k["keypair"]["name"] for k in tenant.client("member", "2.10").get("/os-keypairs").json["keypairs"]]
    assert names == ["for-alice"]
    listed = admin.get("/os-keypairs", params={"user_id": tenant.user_id}).json["keypairs"]
    assert [k["keypair"]["name"] for k in listed] == ["for-alice"]
    admin.get("/os-keypairs/for-alice", params={"user_id": tenant.user_id})
    member = tenant.client("member", "2.10")
    assert_fault(member.get("/os-keypairs", params={"user_id": "someone-else"}, status=403), 403, "forbidden")
    body["keypair"]["user_id"] = "someone-else"
    body["keypair"]["name"] = "sneaky"
    assert_fault(member.post("/os-keypairs", body, status=403), 403, "forbidden")
    admin.delete("/os-keypairs/for-alice", params={"user_id": tenant.user_id}, status=204)
    assert member.get("/os-keypairs").json == {"keypairs": []}


def test_pagination_from_235(tenant):
    client = tenant.client("member", "2.35")
    for name in ("a", "b", "c"):
        client.post("/os-keypairs", {"keypair": {"name": name, "public_key": ssh_public_key("ed25519")}},
                    status=201)
    page = client.get("/os-keypairs", params={"limit": 2}).json
    assert [k["keypair"]["name"] for k in page["keypairs"]] == ["a", "b"]
    (link,) = page["keypairs_links"]
    assert link["rel"] == "next" and link["href"] == "http://localhost/v2.1/os-keypairs?limit=2&marker=b"
    rest = client.get(link["href"]).json
    assert [k["keypair"]["name"] for k in rest["keypairs"]] == ["c"] and "keypairs_links" not in rest
    assert_fault(client.get("/os-keypairs", params={"marker": "zzz"}, status=400), 400, "badRequest")
    assert len(tenant.client("member", "2.34").get("/os-keypairs", params={"limit": 1}).json["keypairs"]) == 3


def test_keypair_quota(tenant, compute_app):
    client = tenant.client("member", "2.2")
    limit = compute_app.conf.quota.key_pairs
    for index in range(limit):
        client.post("/os-keypairs", {"keypair": {"name": f"k{index}", "public_key": ssh_public_key("ed25519")}},
                    status=201)
    resp = client.post("/os-keypairs", {"keypair": {"name": "over", "public_key": ssh_public_key("ed25519")}},
                       status=403)
    assert_fault(resp, 403, "forbidden", "Quota exceeded, too many key pairs.")
    assert tenant.count_rows("keypairs") == limit


def test_server_records_key_name(tenant):
    client = tenant.client("member", "2.2")
    client.post("/os-keypairs", {"keypair": {"name": "mykey", "public_key": ssh_public_key("ed25519")}},
                status=201)
    server = tenant.create_server(key_name="mykey")
    assert server["key_name"] == "mykey"
    other = tenant.client("other-project")
    body = {"server": {"name": "s", "flavorRef": "1", "imageRef": IMAGE_ID, "key_name": "mykey"}}
    assert_fault(other.post("/servers", body, status=400), 400, "badRequest", "Invalid key_name provided.")


@pytest.mark.parametrize("keypair", [
    {"name": ""},
    {"name": "x" * 256},
    {"name": "bad/name"},
    {"name": "nul\u0000"},
    {"name": 5},
    {"name": "k", "public_key": "ssh-rsa not-base64!"},
    {"name": "k", "public_key": "garbage"},
    {"name": "k", "public_key": ""},
    {"name": "k", "type": "gpg"},
    {"name": "k", "unknown": 1},
])
def test_bad_keypairs_are_400(tenant, keypair):
    client = tenant.client("member", "2.2")
    assert_fault(client.post("/os-keypairs", {"keypair": keypair}, status=400), 400, "badRequest")
    assert client.get("/os-keypairs").json == {"keypairs": []}


def test_status_codes_per_version(tenant):
    for version, create, delete in (("2.1", 200, 202), ("2.2", 201, 204), ("2.100", 201, 204)):
        client = tenant.client("member", version)
        name = unique("k")
        client.post("/os-keypairs", {"keypair": {"name": name, "public_key": ssh_public_key("ed25519")}},
                    status=create)
        client.delete(f"/os-keypairs/{name}", status=delete)

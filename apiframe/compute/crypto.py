"""Keypair cryptography: import checks, fingerprints, and generation.

Fingerprints are those the compute API shows: for SSH keys the MD5 of the key blob as
colon-separated hex (``1e:2c:...``), for X.509 certificates the SHA-1 of the DER
encoding, likewise colon-separated.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from apiframe import exception

SSH = "ssh"
X509 = "x509"


def _colon_hex(digest: bytes) -> str:
    return ":".join(f"{byte:02x}" for byte in digest)


def _invalid(reason: str) -> exception.BadRequest:
    return exception.BadRequest(f"Keypair data is invalid: {reason}")


def ssh_fingerprint(public_key: str) -> str:
    """Check an OpenSSH public key line (rsa, ecdsa, ed25519, ...) and return its fingerprint."""
    try:
        serialization.load_ssh_public_key(public_key.strip().encode())
        blob = base64.b64decode(public_key.split()[1], validate=True)
    except (ValueError, IndexError, binascii.Error, UnicodeEncodeError, UnsupportedAlgorithm):
        raise _invalid("failed to generate fingerprint") from None
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(certificate: str) -> str:
    """Check a PEM X.509 certificate and return its fingerprint."""
    try:
        cert = x509.load_pem_x509_certificate(certificate.encode())
    except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm):
        raise _invalid("failed to generate fingerprint") from None
    return _colon_hex(cert.fingerprint(hashes.SHA1()))


def fingerprint(key_type: str, public_key: str) -> str:
    """The fingerprint of an imported key of ``key_type`` (``ssh`` or ``x509``)."""
    return x509_fingerprint(public_key) if key_type == X509 else ssh_fingerprint(public_key)


#: How long a generated X.509 certificate is valid (as the compute API's: ten years).
X509_VALIDITY = dt.timedelta(days=3650)


def _new_rsa_key() -> tuple[rsa.RSAPrivateKey, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
    return key, private


def generate_keypair(key_type: str, user_id: str) -> tuple[str, str]:
    """A new keypair of ``key_type``: ``(private key PEM, public key)``.

    For ``ssh`` the public key is an OpenSSH line; for ``x509`` it is a self-signed
    PEM certificate whose subject names the user.
    """
    key, private = _new_rsa_key()
    if key_type == X509:
        now = dt.datetime.now(dt.UTC)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, user_id[:64] or "apiframe")])
        certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                       .public_key(key.public_key()).serial_number(x509.random_serial_number())
                       .not_valid_before(now).not_valid_after(now + X509_VALIDITY)
                       .sign(key, hashes.SHA256()))
        return private, certificate.public_bytes(serialization.Encoding.PEM).decode()
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                           serialization.PublicFormat.OpenSSH).decode()
    return private, f"{public} Generated-by-apiframe"

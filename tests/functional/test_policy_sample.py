"""The committed policy sample is what the oslo.policy tools generate for the compute API."""

import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "etc" / "policy.yaml"
GENERATOR = Path(sys.executable).with_name("oslopolicy-sample-generator")
COMMAND = "oslopolicy-sample-generator --namespace apiframe.compute --output-file etc/policy.yaml"


def generate(tmp_path, namespace):
    output = tmp_path / "policy.yaml"
    subprocess.run([str(GENERATOR), "--namespace", namespace, "--output-file", str(output)],
                   check=True, capture_output=True)
    return output.read_text()


@pytest.fixture
def generator_installed():
    if not GENERATOR.exists():
        pytest.skip("oslo.policy's command-line tools are not installed beside this interpreter")


def test_policy_sample_is_current(tmp_path, generator_installed):
    assert generate(tmp_path, "apiframe.compute") == SAMPLE.read_text(), f"etc/policy.yaml is stale: run {COMMAND}"


def test_sample_lists_every_compute_rule_and_the_discoverable_rules(generator_installed):
    text = SAMPLE.read_text()
    for rule in ("os_compute_api:servers:create", "os_compute_api:os-keypairs:create", "os_compute_api:limits",
                 "os_compute_api:extensions", "os_compute_api:servers:discoverable", "context_is_admin"):
        assert f'#"{rule}":' in text

"""The committed configuration sample is what ``oslo-config-generator`` writes today."""

import subprocess
from pathlib import Path

SAMPLE = Path(__file__).parents[3] / "etc" / "apiframe.conf.sample"
NAMESPACES = ("apiframe", "apiframe.compute")


def test_config_sample_is_current(tmp_path, console_script):
    fresh = tmp_path / "apiframe.conf.sample"
    command = [console_script("oslo-config-generator"), *(f"--namespace={ns}" for ns in NAMESPACES),
               f"--output-file={fresh}"]
    subprocess.run(command, check=True, capture_output=True, text=True)
    assert fresh.read_text() == SAMPLE.read_text(), (
        f"{SAMPLE} is stale; regenerate it with: oslo-config-generator "
        + " ".join(f"--namespace {ns}" for ns in NAMESPACES) + " --output-file etc/apiframe.conf.sample")

"""Options of the compute API: the fake driver's timing and the default quotas."""

from __future__ import annotations

from oslo_config import cfg

compute_opts = [
    cfg.FloatOpt("boot_delay", default=1.0, min=0,
                 help="Seconds a new server stays in BUILD before it becomes ACTIVE."),
    cfg.FloatOpt("action_delay", default=0.5, min=0,
                 help="Seconds a server stays in a transitional state (REBOOT, RESIZE, ...)."),
    cfg.StrOpt("host", default="fake-host", help="Host name servers report."),
    cfg.StrOpt("availability_zone", default="nova", help="Availability zone servers report."),
    cfg.BoolOpt("enable_instance_password", default=True,
                help="Return 'adminPass' in the server create response."),
]

quota_opts = [
    cfg.IntOpt("instances", default=10, min=-1, help="Servers per project (-1: unlimited)."),
    cfg.IntOpt("cores", default=20, min=-1, help="vCPUs per project (-1: unlimited)."),
    cfg.IntOpt("ram", default=51200, min=-1, help="RAM in MB per project (-1: unlimited)."),
    cfg.IntOpt("metadata_items", default=128, min=-1, help="Metadata items per server (-1: unlimited)."),
    cfg.IntOpt("key_pairs", default=100, min=-1, help="Keypairs per user (-1: unlimited)."),
    cfg.IntOpt("server_groups", default=10, min=-1, help="Server groups per project (reported by limits)."),
    cfg.IntOpt("server_group_members", default=10, min=-1,
               help="Servers per server group (reported by limits)."),
]

GROUPS = {"compute": compute_opts, "quota": quota_opts}


def register(conf: cfg.ConfigOpts) -> None:
    """Register the compute options on ``conf`` (idempotent)."""
    for group, opts in GROUPS.items():
        conf.register_opts(opts, group=group)


def list_opts() -> list[tuple[str, list[cfg.Opt]]]:
    """The compute options, for ``oslo-config-generator`` (namespace ``apiframe.compute``)."""
    return [(group, list(opts)) for group, opts in GROUPS.items()]

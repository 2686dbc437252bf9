"""Schemas of ``/servers``: create, update, the server actions, list queries and responses.

Version ranges (first version of each schema; it holds until the next one):

* create: 2.1, 2.19, 2.32 (only), 2.33, 2.37, 2.42, 2.52, 2.57, 2.63, 2.67, 2.74, 2.90, 2.94
* update: 2.1, 2.19, 2.90, 2.94
* index/detail query: 2.1, 2.26, 2.66, 2.73, 2.75
* detail response: 2.1, 2.3, 2.9, 2.16, 2.19, 2.26, 2.47, 2.63, 2.73, 2.90, 2.96, 2.98, 2.100
* show response: as detail, plus 2.71 (``server_groups``, which detail never shows)
* update response: 2.1, 2.9, 2.19, 2.26, 2.47, 2.63, 2.71, 2.73, then from 2.75 the show
  response of the same version
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from apiframe.validation import parameter_types


def _extend(schema: dict, properties: Mapping[str, Any], required: bool = True) -> dict:
    """A deep copy of an object schema with more properties (required unless told)."""
    derived = copy.deepcopy(schema)
    derived["properties"].update(copy.deepcopy(dict(properties)))
    if required:
        derived["required"].extend(name for name in properties if name not in derived["required"])
    return derived


# --- create ------------------------------------------------------------------------------

_legacy_block_device_mapping = {
    "type": "object",
    "properties": {
        "virtual_name": {"type": "string", "maxLength": 255},
        "volume_id": parameter_types.volume_id,
        "snapshot_id": parameter_types.image_id,
        "volume_size": parameter_types.volume_size,
        # Device names may not be empty nor hold spaces.
        "device_name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[a-zA-Z0-9._/-]*$"},
        "delete_on_termination": parameter_types.boolean,
        "no_device": {},
        # Stored in a MEDIUMTEXT column.
        "connection_info": {"type": "string", "maxLength": 16777215},
    },
    "additionalProperties": False,
}

_block_device_mapping_v2 = _extend(_legacy_block_device_mapping, {
    "source_type": {"type": "string", "enum": ["volume", "image", "snapshot", "blank"]},
    "uuid": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[a-zA-Z0-9._-]*$"},
    "image_id": parameter_types.image_id,
    "destination_type": {"type": "string", "enum": ["local", "volume"]},
    "guest_format": {"type": "string", "maxLength": 255},
    "device_type": {"type": "string", "maxLength": 255},
    "disk_bus": {"type": "string", "maxLength": 255},
    # null is accepted for compatibility with the first API version.
    "boot_index": {"type": ["integer", "string", "null"], "pattern": "^-?[0-9]+$"},
}, required=False)

_scheduler_hints = {
    "type": "object",
    "properties": {
        "group": {
            "oneOf": [
                {"type": "array", "items": parameter_types.uuid},
                parameter_types.uuid,
            ],
        },
        "different_host": {
            "oneOf": [
                parameter_types.uuid,
                {"type": "array", "items": parameter_types.server_id},
            ],
        },
        "same_host": {"type": ["string", "array"], "items": parameter_types.server_id},
        # A JSON filter expression for the JSON filter, as text or as an object.
        "query": {"type": ["string", "object"], "additionalProperties": True},
        "target_cell": parameter_types.name,
        "different_cell": {"type": ["string", "array"], "items": {"type": "string"}},
        "build_near_host_ip": parameter_types.ip_address,
        "cidr": {"type": "string", "pattern": "^/[0-9a-f.:]+$"},
    },
    # Schedulers take filter-specific hints, so unknown hints pass.
    "additionalProperties": True,
}

_network = {
    "type": "object",
    "properties": {
        "fixed_ip": parameter_types.ip_address,
        "port": {"type": ["string", "null"], "format": "uuid"},
        "uuid": {"type": "string"},
    },
    "additionalProperties": False,
}

create = {
    "type": "object",
    "properties": {
        "server": {
            "type": "object",
            "properties": {
                "name": parameter_types.name,
                # "" only makes sense when booting from volume; the controller checks that.
                "imageRef": parameter_types.image_id_or_empty_string,
                "flavorRef": parameter_types.flavor_ref,
                "adminPass": parameter_types.admin_password,
                "metadata": parameter_types.metadata,
                "networks": {"type": "array", "items": _network},
                "OS-DCF:diskConfig": parameter_types.disk_config,
                "accessIPv4": parameter_types.accessIPv4,
                "accessIPv6": parameter_types.accessIPv6,
                "personality": parameter_types.personality,
                "availability_zone": parameter_types.name,
                "block_device_mapping": {"type": "array", "items": _legacy_block_device_mapping},
                "block_device_mapping_v2": {"type": "array", "items": _block_device_mapping_v2},
                "config_drive": parameter_types.boolean,
                # "key_name" is contributed by the keypairs plugin (extension point servers.create).
                "min_count": parameter_types.positive_integer,
                "max_count": parameter_types.positive_integer,
                "return_reservation_id": parameter_types.boolean,
                "security_groups": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        # A security group is named by its name or its UUID.
                        "properties": {"name": parameter_types.name},
                        "additionalProperties": False,
                    },
                },
                "user_data": parameter_types.user_data,
            },
            "required": ["name", "flavorRef"],
            "additionalProperties": False,
        },
        "os:scheduler_hints": _scheduler_hints,
        "OS-SCH-HNT:scheduler_hints": _scheduler_hints,
    },
    "required": ["server"],
    "additionalProperties": False,
}


def _server_properties(schema: dict) -> dict:
    return schema["properties"]["server"]["properties"]


create_v219 = copy.deepcopy(create)
_server_properties(create_v219)["description"] = parameter_types.description

# 2.32 tagged both networks and block devices; 2.33 dropped the block-device tag again.
create_v232 = copy.deepcopy(create_v219)
_server_properties(create_v232)["networks"]["items"]["properties"]["tag"] = parameter_types.tag
_server_properties(create_v232)["block_device_mapping_v2"]["items"]["properties"]["tag"] = parameter_types.tag

create_v233 = copy.deepcopy(create_v219)
_server_properties(create_v233)["networks"]["items"]["properties"]["tag"] = parameter_types.tag

_network_v237 = copy.deepcopy(_network)
_network_v237["properties"]["uuid"] = parameter_types.network_id

create_v237 = copy.deepcopy(create_v233)
create_v237["properties"]["server"]["required"].append("networks")
_server_properties(create_v237)["networks"] = {
    "oneOf": [
        {"type": "array", "items": _network_v237},
        {"type": "string", "enum": ["none", "auto"]},
    ],
}

create_v242 = copy.deepcopy(create_v237)
_server_properties(create_v242)["networks"]["oneOf"][0]["items"]["properties"]["tag"] = parameter_types.tag
_server_properties(create_v242)["block_device_mapping_v2"]["items"]["properties"]["tag"] = parameter_types.tag

create_v252 = copy.deepcopy(create_v242)
_server_properties(create_v252)["tags"] = parameter_types.tags

create_v257 = copy.deepcopy(create_v252)
del _server_properties(create_v257)["personality"]

create_v263 = copy.deepcopy(create_v257)
_server_properties(create_v263)["trusted_image_certificates"] = parameter_types.trusted_certs

create_v267 = copy.deepcopy(create_v263)
_server_properties(create_v267)["block_device_mapping_v2"]["items"]["properties"]["volume_type"] = (
    parameter_types.volume_type)

create_v274 = copy.deepcopy(create_v267)
_server_properties(create_v274)["host"] = parameter_types.fqdn
_server_properties(create_v274)["hypervisor_hostname"] = parameter_types.fqdn

create_v290 = copy.deepcopy(create_v274)
_server_properties(create_v290)["hostname"] = parameter_types.hostname

create_v294 = copy.deepcopy(create_v290)
_server_properties(create_v294)["hostname"] = parameter_types.fqdn

# --- update ------------------------------------------------------------------------------

update = {
    "type": "object",
    "properties": {
        "server": {
            "type": "object",
            "properties": {
                "name": parameter_types.name,
                "OS-DCF:diskConfig": parameter_types.disk_config,
                "accessIPv4": parameter_types.accessIPv4,
                "accessIPv6": parameter_types.accessIPv6,
            },
            "additionalProperties": False,
        },
    },
    "required": ["server"],
    "additionalProperties": False,
}

update_v219 = copy.deepcopy(update)
_server_properties(update_v219)["description"] = parameter_types.description

update_v290 = copy.deepcopy(update_v219)
_server_properties(update_v290)["hostname"] = parameter_types.hostname

update_v294 = copy.deepcopy(update_v290)
_server_properties(update_v294)["hostname"] = parameter_types.fqdn

# --- actions -----------------------------------------------------------------------------


def _action(name: str, argument: dict) -> dict:
    return {
        "type": "object",
        "properties": {name: argument},
        "required": [name],
        "additionalProperties": False,
    }


def _flag_action(name: str) -> dict:
    # Nova takes any value here, though clients send null.
    return _action(name, {})


reboot = _action("reboot", {
    "type": "object",
    "properties": {"type": {"type": "string", "enum": ["HARD", "Hard", "hard", "SOFT", "Soft", "soft"]}},
    "required": ["type"],
    "additionalProperties": False,
})

resize = _action("resize", {
    "type": "object",
    "properties": {
        "flavorRef": parameter_types.flavor_ref,
        "OS-DCF:diskConfig": parameter_types.disk_config,
    },
    "required": ["flavorRef"],
    "additionalProperties": False,
})

create_image = _action("createImage", {
    "type": "object",
    "properties": {"name": parameter_types.name, "metadata": parameter_types.metadata},
    "required": ["name"],
    "additionalProperties": False,
})

start_server = _flag_action("os-start")
stop_server = _flag_action("os-stop")
confirm_resize = _flag_action("confirmResize")
revert_resize = _flag_action("revertResize")
pause = _flag_action("pause")
unpause = _flag_action("unpause")
suspend = _flag_action("suspend")
resume = _flag_action("resume")
lock = _flag_action("lock")
unlock = _flag_action("unlock")

lock_v273 = _action("lock", {
    "type": ["object", "null"],
    "properties": {"locked_reason": {"type": "string", "minLength": 1, "maxLength": 255}},
    "additionalProperties": False,
})

# --- queries -----------------------------------------------------------------------------

_ORDERING_SORT_KEYS = [
    "access_ip_v4", "access_ip_v6", "auto_disk_config", "availability_zone", "config_drive",
    "created_at", "display_description", "display_name", "host", "hostname", "image_ref",
    "instance_type_id", "kernel_id", "key_name", "launch_index", "launched_at", "locked_by",
    "node", "power_state", "progress", "project_id", "ramdisk_id", "root_device_name",
    "task_state", "terminated_at", "updated_at", "user_id", "uuid", "vm_state",
]

#: Sort keys that order the server list at some microversion ("locked" from 2.73). The
#: data layer sorts by exactly these (``apiframe.compute.db.servers``).
SORT_KEYS = [*_ORDERING_SORT_KEYS, "locked"]

#: Sort keys accepted for compatibility but ignored: the controller drops them (and their
#: directions) before the query. 2.73 makes "locked" a real sort key.
IGNORED_SORT_KEYS = [
    "architecture", "cell_name", "cleaned", "default_ephemeral_device", "default_swap_device",
    "deleted", "deleted_at", "disable_terminate", "ephemeral_gb", "ephemeral_key_uuid", "id",
    "key_data", "launched_on", "locked", "memory_mb", "os_type", "reservation_id", "root_gb",
    "shutdown_terminate", "user_data", "vcpus", "vm_mode",
]
IGNORED_SORT_KEYS_V273 = [key for key in IGNORED_SORT_KEYS if key != "locked"]

VALID_SORT_KEYS = _ORDERING_SORT_KEYS + IGNORED_SORT_KEYS
# 2.75 rejects the ignored ones.
VALID_SORT_KEYS_V275 = SORT_KEYS

_param = parameter_types.common_query_param
_regex_param = parameter_types.common_query_regex_param
_date_param = parameter_types.multi_params(parameter_types.date_time)

index_query = {
    "type": "object",
    "properties": {
        "user_id": _param,
        "project_id": _param,
        "tenant_id": _param,
        "launch_index": _param,
        "image_ref": _param,
        "image": _param,
        "kernel_id": _regex_param,
        "ramdisk_id": _regex_param,
        "hostname": _regex_param,
        "key_name": _regex_param,
        "power_state": _regex_param,
        "vm_state": _param,
        "task_state": _param,
        "host": _param,
        "node": _regex_param,
        "flavor": _regex_param,
        "reservation_id": _regex_param,
        "launched_at": _regex_param,
        "terminated_at": _regex_param,
        "availability_zone": _regex_param,
        "name": _regex_param,
        "display_name": _regex_param,
        "description": _regex_param,
        "display_description": _regex_param,
        "locked_by": _regex_param,
        "uuid": _param,
        "root_device_name": _regex_param,
        "config_drive": _regex_param,
        "access_ip_v4": _regex_param,
        "access_ip_v6": _regex_param,
        "auto_disk_config": _regex_param,
        "progress": _regex_param,
        "sort_key": parameter_types.multi_params({"type": "string", "enum": VALID_SORT_KEYS}),
        "sort_dir": _param,
        "all_tenants": _param,
        "soft_deleted": _param,
        "deleted": _param,
        "status": _param,
        "changes-since": _date_param,
        "ip": _regex_param,
        "ip6": _regex_param,
        "created_at": _regex_param,
        # Names of joined tables, accepted and ignored.
        "block_device_mapping": _param,
        "services": _param,
        "metadata": _param,
        "system_metadata": _param,
        "info_cache": _param,
        "security_groups": _param,
        "pci_devices": _param,
        **parameter_types.pagination_parameters,
    },
    # Unknown parameters are dropped until 2.75, which rejects them. Names starting with
    # "_" are internal and must be rejected by the controller, so they are kept.
    "additionalProperties": True,
    "patternProperties": {"^_": _param},
}

index_query_v226 = copy.deepcopy(index_query)
index_query_v226["properties"].update(
    {"tags": _regex_param, "tags-any": _regex_param, "not-tags": _regex_param, "not-tags-any": _regex_param})

index_query_v266 = copy.deepcopy(index_query_v226)
index_query_v266["properties"]["changes-before"] = _date_param

index_query_v273 = copy.deepcopy(index_query_v266)
index_query_v273["properties"]["locked"] = _param

index_query_v275 = copy.deepcopy(index_query_v273)
index_query_v275["properties"]["sort_key"] = parameter_types.multi_params(
    {"type": "string", "enum": VALID_SORT_KEYS_V275})
index_query_v275["additionalProperties"] = False

show_query = {"type": "object", "properties": {}, "additionalProperties": True}

# --- responses ---------------------------------------------------------------------------

SERVER_STATUSES = [
    "ACTIVE", "BUILD", "DELETED", "ERROR", "HARD_REBOOT", "MIGRATING", "PASSWORD", "PAUSED",
    "REBOOT", "REBUILD", "RESCUE", "RESIZE", "REVERT_RESIZE", "SHELVED", "SHELVED_OFFLOADED",
    "SHUTOFF", "SOFT_DELETED", "SUSPENDED", "UNKNOWN", "VERIFY_RESIZE",
]

_links = parameter_types.links
_nullable_string = {"type": ["string", "null"]}
_nullable_time = {"type": ["string", "null"], "format": "date-time"}


def _access_ip(version: str) -> dict:
    return {"type": "string", "anyOf": [{"format": version}, {"const": ""}]}


_address = {
    "type": "object",
    "properties": {
        "addr": parameter_types.ip_address,
        "version": {"type": "integer", "enum": [4, 6]},
    },
    "required": ["addr", "version"],
    "additionalProperties": False,
}

_extended_address = _extend(_address, {
    "OS-EXT-IPS:type": {"type": "string", "enum": ["fixed", "floating"]},
    "OS-EXT-IPS-MAC:mac_addr": parameter_types.mac_address,
})


def _addresses(address: dict) -> dict:
    return {
        "type": "object",
        "patternProperties": {"^.+$": {"type": "array", "items": address}},
        "additionalProperties": False,
    }


_flavor_link = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "links": _links},
    "required": ["id", "links"],
    "additionalProperties": False,
}

# From 2.47 a server embeds its flavor; extra_specs only when policy allows.
_flavor_embedded = {
    "type": "object",
    "properties": {
        "vcpus": {"type": "integer"},
        "ram": {"type": "integer"},
        "disk": {"type": "integer"},
        "ephemeral": {"type": "integer"},
        "swap": {"type": "integer"},
        "original_name": {"type": "string"},
        "extra_specs": {
            "type": "object",
            "patternProperties": {"^.+$": {"type": "string"}},
            "additionalProperties": False,
        },
    },
    "required": ["vcpus", "ram", "disk", "ephemeral", "swap", "original_name"],
    "additionalProperties": False,
}

_image_link = {
    "type": "object",
    "properties": {"id": parameter_types.uuid, "links": _links},
    "required": ["id", "links"],
    "additionalProperties": False,
}

_image_link_v298 = _extend(_image_link, {
    "properties": {
        "type": "object",
        "patternProperties": {"^[a-zA-Z0-9_:. ]{1,255}$": {"type": ["string", "null"], "maxLength": 255}},
        "additionalProperties": False,
    },
})


def _image(image_link: dict) -> dict:
    # "" when the server booted from a volume.
    return {"anyOf": [{"const": ""}, image_link]}


_fault = {
    "type": "object",
    "properties": {
        "code": {"type": "integer"},
        "created": parameter_types.date_time,
        "message": {"type": "string"},
        "details": {"type": "string"},
    },
    "required": ["code", "created", "message"],
    "additionalProperties": False,
}

# The fields of every full representation, the reduced PUT answer before 2.75 included.
# fault and progress depend on the status.
_server_core = {
    "type": "object",
    "properties": {
        "id": parameter_types.uuid,
        "name": {"type": "string"},
        "status": {"type": "string", "enum": SERVER_STATUSES},
        "tenant_id": parameter_types.project_id,
        "user_id": parameter_types.user_id,
        "links": _links,
        "created": parameter_types.date_time,
        "updated": parameter_types.date_time,
        "hostId": {"type": "string"},
        "accessIPv4": _access_ip("ipv4"),
        "accessIPv6": _access_ip("ipv6"),
        "addresses": _addresses(_address),
        "flavor": _flavor_link,
        "image": _image(_image_link),
        "metadata": parameter_types.response_metadata,
        "OS-DCF:diskConfig": parameter_types.disk_config,
        "progress": {"type": ["integer", "null"]},
        "fault": _fault,
    },
    "required": [
        "id", "name", "status", "tenant_id", "user_id", "links", "created", "updated", "hostId",
        "accessIPv4", "accessIPv6", "addresses", "flavor", "image", "metadata", "OS-DCF:diskConfig",
    ],
    "additionalProperties": False,
}

_volume_attached = {
    "type": "object",
    "properties": {"id": {"type": "string"}},
    "required": ["id"],
    "additionalProperties": False,
}

_server_shown = _extend(_server_core, {
    "addresses": _addresses(_extended_address),
    "OS-EXT-AZ:availability_zone": {"type": "string"},
    "config_drive": {"type": ["string", "null"], "enum": ["", "True", "False", None]},
    "key_name": _nullable_string,
    "OS-SRV-USG:launched_at": _nullable_time,
    "OS-SRV-USG:terminated_at": _nullable_time,
    "security_groups": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "required": ["name"],
            "additionalProperties": False,
        },
    },
    "OS-EXT-STS:task_state": _nullable_string,
    "OS-EXT-STS:vm_state": _nullable_string,
    "OS-EXT-STS:power_state": {"type": ["integer", "null"], "enum": [0, 1, 3, 4, 6, 7, None]},
    "os-extended-volumes:volumes_attached": {"type": "array", "items": _volume_attached},
})

# Administrator-only attributes (by policy), so allowed but not required.
_server = _extend(_server_shown, {
    "OS-EXT-SRV-ATTR:host": _nullable_string,
    "OS-EXT-SRV-ATTR:hypervisor_hostname": _nullable_string,
    "OS-EXT-SRV-ATTR:instance_name": {"type": "string"},
}, required=False)

_server_v23 = _extend(_server, {
    "OS-EXT-SRV-ATTR:hostname": {"type": "string"},
    "OS-EXT-SRV-ATTR:kernel_id": _nullable_string,
    "OS-EXT-SRV-ATTR:launch_index": {"type": ["integer", "null"]},
    "OS-EXT-SRV-ATTR:ramdisk_id": _nullable_string,
    "OS-EXT-SRV-ATTR:reservation_id": _nullable_string,
    "OS-EXT-SRV-ATTR:root_device_name": _nullable_string,
    "OS-EXT-SRV-ATTR:user_data": {"type": ["string", "null"], "format": "base64", "maxLength": 65535},
}, required=False)
_server_v23["properties"]["os-extended-volumes:volumes_attached"]["items"] = _extend(
    _volume_attached, {"delete_on_termination": {"type": "boolean"}})

_server_v29 = _extend(_server_v23, {"locked": {"type": "boolean"}})

# Shown only when policy allows.
_server_v216 = _extend(_server_v29, {
    "host_status": {"type": "string", "enum": ["UP", "DOWN", "MAINTENANCE", "UNKNOWN", ""]},
}, required=False)

_description = {"description": _nullable_string}
_tags = {"tags": {"type": "array", "items": {"type": "string"}, "maxItems": parameter_types.MAX_TAG_COUNT}}
_trusted_certs = {"trusted_image_certificates": {"type": ["array", "null"], "items": {"type": "string"}}}
_server_groups = {"server_groups": {"type": "array", "items": parameter_types.uuid, "maxItems": 1}}
_locked_reason = {"locked_reason": _nullable_string}

_server_v219 = _extend(_server_v216, _description)

_server_v226 = _extend(_server_v219, _tags)

_server_v247 = copy.deepcopy(_server_v226)
_server_v247["properties"]["flavor"] = _flavor_embedded

_server_v263 = _extend(_server_v247, _trusted_certs)

_server_v273 = _extend(_server_v263, _locked_reason)

# From 2.90 everyone sees the hostname.
_server_v290 = copy.deepcopy(_server_v273)
_server_v290["required"].append("OS-EXT-SRV-ATTR:hostname")

_server_v296 = _extend(_server_v290, {"pinned_availability_zone": _nullable_string})

_server_v298 = copy.deepcopy(_server_v296)
_server_v298["properties"]["image"] = _image(_image_link_v298)

_server_v2100 = _extend(_server_v298, {"scheduler_hints": _scheduler_hints})


def _one(server: dict) -> dict:
    return {
        "type": "object",
        "properties": {"server": copy.deepcopy(server)},
        "required": ["server"],
        "additionalProperties": False,
    }


def _many(item: dict) -> dict:
    return {
        "type": "object",
        "properties": {
            "servers": {"type": "array", "items": copy.deepcopy(item)},
            "servers_links": parameter_types.collection_links,
        },
        "required": ["servers"],
        "additionalProperties": False,
    }


index_response = _many({
    "type": "object",
    "properties": {"id": parameter_types.uuid, "name": {"type": "string"}, "links": _links},
    "required": ["id", "name", "links"],
    "additionalProperties": False,
})

detail_response = _many(_server)
detail_response_v23 = _many(_server_v23)
detail_response_v29 = _many(_server_v29)
detail_response_v216 = _many(_server_v216)
detail_response_v219 = _many(_server_v219)
detail_response_v226 = _many(_server_v226)
detail_response_v247 = _many(_server_v247)
detail_response_v263 = _many(_server_v263)
detail_response_v273 = _many(_server_v273)
detail_response_v290 = _many(_server_v290)
detail_response_v296 = _many(_server_v296)
detail_response_v298 = _many(_server_v298)
detail_response_v2100 = _many(_server_v2100)

show_response = _one(_server)
show_response_v23 = _one(_server_v23)
show_response_v29 = _one(_server_v29)
show_response_v216 = _one(_server_v216)
show_response_v219 = _one(_server_v219)
show_response_v226 = _one(_server_v226)
show_response_v247 = _one(_server_v247)
show_response_v263 = _one(_server_v263)
show_response_v271 = _one(_extend(_server_v263, _server_groups))
show_response_v273 = _one(_extend(_server_v273, _server_groups))
show_response_v290 = _one(_extend(_server_v290, _server_groups))
show_response_v296 = _one(_extend(_server_v296, _server_groups))
show_response_v298 = _one(_extend(_server_v298, _server_groups))
show_response_v2100 = _one(_extend(_server_v2100, _server_groups))

_updated_v29 = _extend(_server_core, {"locked": {"type": "boolean"}})
_updated_v219 = _extend(_updated_v29, _description)
_updated_v226 = _extend(_updated_v219, _tags)
_updated_v247 = copy.deepcopy(_updated_v226)
_updated_v247["properties"]["flavor"] = _flavor_embedded
_updated_v263 = _extend(_updated_v247, _trusted_certs)
_updated_v271 = _extend(_updated_v263, _server_groups)

update_response = _one(_server_core)
update_response_v29 = _one(_updated_v29)
update_response_v219 = _one(_updated_v219)
update_response_v226 = _one(_updated_v226)
update_response_v247 = _one(_updated_v247)
update_response_v263 = _one(_updated_v263)
update_response_v271 = _one(_updated_v271)
update_response_v273 = _one(_extend(_updated_v271, _locked_reason))
# From 2.75 PUT answers with what GET shows.
update_response_v275 = show_response_v273
update_response_v290 = show_response_v290
update_response_v296 = show_response_v296
update_response_v298 = show_response_v298
update_response_v2100 = show_response_v2100

create_response = {
    "oneOf": [
        {
            "type": "object",
            "properties": {"reservation_id": {"type": "string"}},
            "required": ["reservation_id"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "server": {
                    "type": "object",
                    "properties": {
                        "id": parameter_types.uuid,
                        "links": _links,
                        "OS-DCF:diskConfig": parameter_types.disk_config,
                        "security_groups": copy.deepcopy(_server["properties"]["security_groups"]),
                        # Only when the deployment enables instance passwords.
                        "adminPass": {"type": "string"},
                    },
                    "required": ["id", "links", "OS-DCF:diskConfig", "security_groups"],
                    "additionalProperties": False,
                },
            },
            "required": ["server"],
            "additionalProperties": False,
        },
    ],
}

# Before 2.45 createImage answers with a Location header only.
create_image_response = {"type": "null"}
create_image_response_v245 = {
    "type": "object",
    "properties": {"image_id": parameter_types.uuid},
    "required": ["image_id"],
    "additionalProperties": False,
}

# Every other action, and DELETE, answers without a body.
action_response = {"type": "null"}
delete_response = {"type": "null"}

"""A realistic server-create schema built from the parameter types, and a body for it."""

from apiframe.validation import parameter_types as types

SERVER_CREATE = {
    "type": "object",
    "properties": {
        "server": {
            "type": "object",
            "properties": {
                "name": types.name,
                "description": types.description,
                "imageRef": types.image_id_or_empty_string,
                "flavorRef": types.flavor_ref,
                "adminPass": types.admin_password,
                "metadata": types.metadata,
                "networks": {
                    "oneOf": [
                        {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "fixed_ip": types.ip_address,
                                    "port": {"oneOf": [types.network_port_id, {"type": "null"}]},
                                    "uuid": types.network_id,
                                    "tag": types.tag,
                                },
                                "additionalProperties": False,
                            },
                        },
                        {"type": "string", "enum": ["none", "auto"]},
                    ]
                },
                "OS-DCF:diskConfig": types.disk_config,
                "accessIPv4": types.accessIPv4,
                "accessIPv6": types.accessIPv6,
                "personality": types.personality,
                "availability_zone": types.az_name,
                "config_drive": types.boolean,
                "key_name": types.name,
                "min_count": types.positive_integer,
                "max_count": types.positive_integer,
                "return_reservation_id": types.boolean,
                "security_groups": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": types.name},
                        "additionalProperties": False,
                    },
                },
                "user_data": types.user_data,
                "tags": types.tags,
                "hostname": types.hostname,
                "trusted_image_certificates": types.trusted_certs,
            },
            "required": ["name", "flavorRef"],
            "additionalProperties": False,
        },
        "os:scheduler_hints": {"type": "object", "additionalProperties": True},
    },
    "required": ["server"],
    "additionalProperties": False,
}

SERVER_CREATE_BODY = {
    "server": {
        "name": "new-server-test",
        "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
        "flavorRef": "1",
        "OS-DCF:diskConfig": "AUTO",
        "metadata": {"My Server Name": "Apache1"},
        "networks": [{"uuid": "ff608d40-75e9-48cb-b745-77bb55b5eaf2", "tag": "nic1"}],
        "security_groups": [{"name": "default"}],
        "min_count": "1",
        "max_count": 1,
        "user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==",
        "availability_zone": "us-west",
        "accessIPv4": "1.2.3.4",
        "accessIPv6": "80fe::",
        "config_drive": "true",
        "tags": ["tag1", "tag2"],
    },
    "os:scheduler_hints": {"same_host": "48e6a9f6-30af-47e0-bc04-acaed113bb4e"},
}

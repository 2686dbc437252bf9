{
    "server": {
        "OS-DCF:diskConfig": "AUTO",
        "OS-EXT-AZ:availability_zone": "nova",
        "OS-EXT-SRV-ATTR:host": "fake-host",
        "OS-EXT-SRV-ATTR:hostname": "%(name)s",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "fake-node",
        "OS-EXT-SRV-ATTR:instance_name": "%(instance_name)s",
        "OS-EXT-SRV-ATTR:kernel_id": "",
        "OS-EXT-SRV-ATTR:launch_index": 0,
        "OS-EXT-SRV-ATTR:ramdisk_id": "",
        "OS-EXT-SRV-ATTR:reservation_id": "%(reservation_id)s",
        "OS-EXT-SRV-ATTR:root_device_name": null,
        "OS-EXT-SRV-ATTR:user_data": null,
        "OS-EXT-STS:power_state": 1,
        "OS-EXT-STS:task_state": null,
        "OS-EXT-STS:vm_state": "active",
        "OS-SRV-USG:launched_at": "%(strtime)s",
        "OS-SRV-USG:terminated_at": null,
        "accessIPv4": "",
        "accessIPv6": "",
        "addresses": {
            "private": [
                {
                    "OS-EXT-IPS-MAC:mac_addr": "%(mac)s",
                    "OS-EXT-IPS:type": "fixed",
                    "addr": "%(ip)s",
                    "version": 4
                }
            ]
        },
        "config_drive": "",
        "created": "%(isotime)s",
        "flavor": {
            "id": "1",
            "links": [
                {
                    "href": "%(bookmark_endpoint)s/flavors/1",
                    "rel": "bookmark"
                }
            ]
        },
        "hostId": "%(hostid)s",
        "host_status": "UP",
        "id": "%(uuid)s",
        "image": {
            "id": "%(image_id)s",
            "links": [
                {
                    "href": "%(bookmark_endpoint)s/images/%(image_id)s",
                    "rel": "bookmark"
                }
            ]
        },
        "key_name": null,
        "links": [
            {
                "href": "%(endpoint)s/servers/%(uuid)s",
                "rel": "self"
            },
            {
                "href": "%(bookmark_endpoint)s/servers/%(uuid)s",
                "rel": "bookmark"
            }
        ],
        "locked": false,
        "metadata": {
            "My Server Name": "Apache1"
        },
        "name": "%(name)s",
        "os-extended-volumes:volumes_attached": [],
        "progress": 0,
        "security_groups": [
            {
                "name": "default"
            }
        ],
        "status": "ACTIVE",
        "tenant_id": "%(project_id)s",
        "updated": "%(isotime)s",
        "user_id": "%(user_id)s"
    }
}

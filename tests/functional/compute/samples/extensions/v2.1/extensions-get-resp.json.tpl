{
    "extension": {
        "alias": "os-keypairs",
        "description": "Keypair management: import or generate SSH keys and X.509 certificates.",
        "links": [],
        "name": "Keypairs",
        "namespace": "https://docs.openstack.org/compute/ext/os-keypairs/api/v2.1",
        "updated": "%(isotime)s"
    }
}

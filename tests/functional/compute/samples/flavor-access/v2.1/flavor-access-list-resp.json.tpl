{
    "flavor_access": [
        {
            "flavor_id": "%(flavor_id)s",
            "tenant_id": "%(project_id)s"
        }
    ]
}

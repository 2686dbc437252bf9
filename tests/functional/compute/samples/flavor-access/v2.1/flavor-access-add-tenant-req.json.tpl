{
    "addTenantAccess": {
        "tenant": "%(project_id)s"
    }
}

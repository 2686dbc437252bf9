{
    "removeTenantAccess": {
        "tenant": "%(project_id)s"
    }
}

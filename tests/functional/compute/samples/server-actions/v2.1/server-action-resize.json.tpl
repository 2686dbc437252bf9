{"resize": {"flavorRef": "%(flavor_id)s", "OS-DCF:diskConfig": "AUTO"}}

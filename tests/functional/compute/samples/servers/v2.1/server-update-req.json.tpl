{
    "server": {
        "name": "%(name)s",
        "accessIPv4": "4.3.2.1",
        "accessIPv6": "80fe::",
        "OS-DCF:diskConfig": "AUTO"
    }
}

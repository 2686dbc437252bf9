{
    "hw:cpu_policy": "shared"
}

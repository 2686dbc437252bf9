{
    "hw:numa_nodes": "2"
}

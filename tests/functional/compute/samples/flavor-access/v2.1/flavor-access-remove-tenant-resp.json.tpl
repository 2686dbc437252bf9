{
    "flavor_access": []
}

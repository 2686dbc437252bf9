{"os-stop": null}

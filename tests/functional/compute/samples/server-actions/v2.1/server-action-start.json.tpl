{"os-start": null}

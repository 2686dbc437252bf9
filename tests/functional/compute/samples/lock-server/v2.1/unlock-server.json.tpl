{"unlock": null}

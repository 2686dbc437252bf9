{"resume": null}

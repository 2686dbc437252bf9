{"lock": null}

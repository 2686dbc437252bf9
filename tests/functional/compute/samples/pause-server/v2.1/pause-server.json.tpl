{"pause": null}

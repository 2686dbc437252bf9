{"suspend": null}

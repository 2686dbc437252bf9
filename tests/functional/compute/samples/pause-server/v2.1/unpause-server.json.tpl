{"unpause": null}

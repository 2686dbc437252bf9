{"confirmResize": null}

{"revertResize": null}

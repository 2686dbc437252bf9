"""Response builders of the reference compute API: one module per resource, per microversion."""

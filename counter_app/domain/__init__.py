"""Pure rules of a service-hall window: no Qt, no SQL, no HTTP."""

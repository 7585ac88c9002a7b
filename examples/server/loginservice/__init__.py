"""A small login service on nidan: sign-up, enrolment, two-step login,
recovery codes, a support reset with delivered codes, and changing phones.
Every second-factor rule comes from nidan's ``Login`` API; this package only
stores its values (by compare-and-set) and draws the pages."""

"""Sign-in building blocks shared by victims, supporters and staff."""

"""Accounts: sign-up, login, logout, invitations, password reset, privacy."""

//! Request and response types and handlers shared by the desktop commands, the CLI and tests.

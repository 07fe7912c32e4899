# The plugin is loaded through its entry point when the package is installed; nothing to do here.

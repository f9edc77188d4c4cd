/* test bridge */ window.atriumBridgeForTests = true;

"""Files in and out: reading imported registers, exports, report tables."""

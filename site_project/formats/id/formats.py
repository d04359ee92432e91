# Indonesian conventions the site writes: "Kamis, 10 Juli 2025", "09.00", 2.888.
DATE_FORMAT = "l, j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "l, j F Y, H.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1

-- 0003: the housing-market context of SOU 2015:58, appendix 2.
--
-- municipalities        official four-digit SCB municipality codes and names (the ones the
--                       seeds and the appendix's lists use; more may be added by a later
--                       migration). members.municipality_code is checked for format only,
--                       so a member outside this list still imports.
-- market_class_bounds   class bounds per year and scenario, inclusive as printed: an index
--                       <= very_weak_max is very weak, <= weak_max weak, <= strong_max strong,
--                       above that very strong. Data, not code: the rows below are the
--                       appendix's (Seeds/market/class_bounds.csv, a test keeps them equal).
-- market_readings       a municipality's housing-market index (kr/m2) for a year: observed
--                       (an average price of small houses), forecast (the appendix's
--                       projection) or model (computed by hallbar from the regression's four
--                       inputs, which are stored with it). Loaded by 'hallbar import market'.
-- vacancy_2013          public-housing vacancy rates above 6 % in 2013 (table 13).
--
-- Decimal inputs are TEXT in canonical form ('99.73167'), never floating point.

CREATE TABLE municipalities (
    municipality_code TEXT PRIMARY KEY CHECK (municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE market_class_bounds (
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    scenario          TEXT NOT NULL CHECK (length(trim(scenario)) > 0),
    very_weak_max     INTEGER NOT NULL CHECK (very_weak_max >= 0),
    weak_max          INTEGER NOT NULL,
    strong_max        INTEGER NOT NULL,
    source            TEXT NOT NULL,
    PRIMARY KEY (year, scenario),
    CHECK (very_weak_max < weak_max AND weak_max < strong_max)
) STRICT;

CREATE TABLE market_readings (
    municipality_code TEXT NOT NULL CHECK (municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    municipality      TEXT NOT NULL CHECK (length(trim(municipality)) > 0),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    basis             TEXT NOT NULL CHECK (basis IN ('observed', 'forecast', 'model')),
    index_value       INTEGER NOT NULL CHECK (index_value >= 0),
    model_index       TEXT,
    trend_index       TEXT,
    level_index       TEXT,
    labour_market_population_k TEXT,
    job_accessibility_k TEXT,
    source            TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    PRIMARY KEY (municipality_code, year, basis),
    CHECK ((trend_index IS NULL) = (level_index IS NULL)
       AND (trend_index IS NULL) = (labour_market_population_k IS NULL)
       AND (trend_index IS NULL) = (job_accessibility_k IS NULL)
       AND (trend_index IS NULL) = (model_index IS NULL)),
    CHECK (basis <> 'model' OR model_index IS NOT NULL)
) STRICT;
CREATE INDEX market_readings_by_year ON market_readings (year, municipality_code);

CREATE TABLE vacancy_2013 (
    municipality_code TEXT PRIMARY KEY REFERENCES municipalities (municipality_code),
    vacancy_percent   TEXT NOT NULL,
    dwellings         INTEGER NOT NULL CHECK (dwellings > 0),
    vacant_dwellings  INTEGER NOT NULL CHECK (vacant_dwellings >= 0),
    source            TEXT NOT NULL
) STRICT;

CREATE TRIGGER market_readings_no_update BEFORE UPDATE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;
CREATE TRIGGER market_readings_no_delete BEFORE DELETE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;

INSERT INTO municipalities (municipality_code, name) VALUES
    ('0126', 'Huddinge'),
    ('0127', 'Botkyrka'),
    ('0136', 'Haninge'),
    ('0180', 'Stockholm'),
    ('0181', 'Södertälje'),
    ('0380', 'Uppsala'),
    ('0428', 'Vingåker'),
    ('0482', 'Flen'),
    ('0484', 'Eskilstuna'),
    ('0509', 'Ödeshög'),
    ('0512', 'Ydre'),
    ('0560', 'Boxholm'),
    ('0563', 'Valdemarsvik'),
    ('0580', 'Linköping'),
    ('0581', 'Norrköping'),
    ('0604', 'Aneby'),
    ('0617', 'Gnosjö'),
    ('0642', 'Mullsjö'),
    ('0662', 'Gislaved'),
    ('0680', 'Jönköping'),
    ('0682', 'Nässjö'),
    ('0684', 'Sävsjö'),
    ('0685', 'Vetlanda'),
    ('0760', 'Uppvidinge'),
    ('0761', 'Lessebo'),
    ('0763', 'Tingsryd'),
    ('0767', 'Markaryd'),
    ('0780', 'Växjö'),
    ('0821', 'Högsby'),
    ('0834', 'Torsås'),
    ('0860', 'Hultsfred'),
    ('0862', 'Emmaboda'),
    ('0880', 'Kalmar'),
    ('0881', 'Nybro'),
    ('1060', 'Olofström'),
    ('1081', 'Ronneby'),
    ('1256', 'Östra Göinge'),
    ('1257', 'Örkelljunga'),
    ('1273', 'Osby'),
    ('1275', 'Perstorp'),
    ('1280', 'Malmö'),
    ('1281', 'Lund'),
    ('1283', 'Helsingborg'),
    ('1315', 'Hylte'),
    ('1380', 'Halmstad'),
    ('1435', 'Tanum'),
    ('1438', 'Dals-Ed'),
    ('1439', 'Färgelanda'),
    ('1444', 'Grästorp'),
    ('1445', 'Essunga'),
    ('1446', 'Karlsborg'),
    ('1447', 'Gullspång'),
    ('1452', 'Tranemo'),
    ('1460', 'Bengtsfors'),
    ('1461', 'Mellerud'),
    ('1465', 'Svenljunga'),
    ('1466', 'Herrljunga'),
    ('1470', 'Vara'),
    ('1472', 'Tibro'),
    ('1473', 'Töreboda'),
    ('1480', 'Göteborg'),
    ('1490', 'Borås'),
    ('1492', 'Åmål'),
    ('1498', 'Tidaholm'),
    ('1730', 'Eda'),
    ('1737', 'Torsby'),
    ('1760', 'Storfors'),
    ('1762', 'Munkfors'),
    ('1763', 'Forshaga'),
    ('1764', 'Grums'),
    ('1765', 'Årjäng'),
    ('1780', 'Karlstad'),
    ('1781', 'Kristinehamn'),
    ('1782', 'Filipstad'),
    ('1783', 'Hagfors'),
    ('1785', 'Säffle'),
    ('1860', 'Laxå'),
    ('1861', 'Hallsberg'),
    ('1862', 'Degerfors'),
    ('1863', 'Hällefors'),
    ('1864', 'Ljusnarsberg'),
    ('1880', 'Örebro'),
    ('1882', 'Askersund'),
    ('1883', 'Karlskoga'),
    ('1885', 'Lindesberg'),
    ('1904', 'Skinnskatteberg'),
    ('1907', 'Surahammar'),
    ('1962', 'Norberg'),
    ('1980', 'Västerås'),
    ('1982', 'Fagersta'),
    ('2021', 'Vansbro'),
    ('2034', 'Orsa'),
    ('2039', 'Älvdalen'),
    ('2061', 'Smedjebacken'),
    ('2080', 'Falun'),
    ('2083', 'Hedemora'),
    ('2084', 'Avesta'),
    ('2101', 'Ockelbo'),
    ('2104', 'Hofors'),
    ('2121', 'Ovanåker'),
    ('2132', 'Nordanstig'),
    ('2161', 'Ljusdal'),
    ('2180', 'Gävle'),
    ('2182', 'Söderhamn'),
    ('2260', 'Ånge'),
    ('2280', 'Härnösand'),
    ('2281', 'Sundsvall'),
    ('2282', 'Kramfors'),
    ('2283', 'Sollefteå'),
    ('2284', 'Örnsköldsvik'),
    ('2303', 'Ragunda'),
    ('2305', 'Bräcke'),
    ('2313', 'Strömsund'),
    ('2326', 'Berg'),
    ('2361', 'Härjedalen'),
    ('2380', 'Östersund'),
    ('2401', 'Nordmaling'),
    ('2403', 'Bjurholm'),
    ('2404', 'Vindeln'),
    ('2409', 'Robertsfors'),
    ('2417', 'Norsjö'),
    ('2418', 'Malå'),
    ('2421', 'Storuman'),
    ('2422', 'Sorsele'),
    ('2425', 'Dorotea'),
    ('2460', 'Vännäs'),
    ('2462', 'Vilhelmina'),
    ('2463', 'Åsele'),
    ('2480', 'Umeå'),
    ('2481', 'Lycksele'),
    ('2505', 'Arvidsjaur'),
    ('2506', 'Arjeplog'),
    ('2510', 'Jokkmokk'),
    ('2513', 'Överkalix'),
    ('2514', 'Kalix'),
    ('2518', 'Övertorneå'),
    ('2521', 'Pajala'),
    ('2560', 'Älvsbyn'),
    ('2580', 'Luleå'),
    ('2581', 'Piteå'),
    ('2583', 'Haparanda'),
    ('2584', 'Kiruna');

INSERT INTO market_class_bounds (year, scenario, very_weak_max, weak_max, strong_max, source) VALUES
    (2012, 'base', 7700, 9900, 13300, 'SOU 2015:58 bilaga 2 s. 612 (gränsvärde 7 700) och s. 640 (tabellrubriker – 7 700 / 7 701–9 900 / 9 901–13 300 kr/kvm)'),
    (2020, 'base', 9600, 12300, 16000, 'SOU 2015:58 bilaga 2 tabell 14 s. 620'),
    (2025, 'base', 10900, 14100, 18900, 'SOU 2015:58 bilaga 2 tabell 14 s. 620; s. 647 (svaga 10 901–14 100 kr/kvm)'),
    (2020, 'inflation-1.4', 9300, 12000, 16100, 'SOU 2015:58 bilaga 2 tabell 23 s. 629'),
    (2025, 'inflation-1.4', 10400, 13400, 18000, 'SOU 2015:58 bilaga 2 tabell 23 s. 629');

INSERT INTO vacancy_2013 (municipality_code, vacancy_percent, dwellings, vacant_dwellings, source) VALUES
    ('1460', '15.0', 860, 129, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2422', '14.0', 200, 28, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1864', '13.2', 280, 37, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2305', '10.5', 449, 47, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2583', '10.1', 562, 57, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2361', '9.9', 941, 93, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1315', '9.4', 534, 50, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1760', '8.4', 467, 39, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('0860', '7.8', 1632, 127, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1860', '7.5', 510, 38, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('0761', '7.5', 879, 66, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1762', '7.3', 247, 18, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2104', '7.2', 1061, 76, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1962', '7.1', 312, 22, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2182', '7.1', 3280, 233, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1862', '7.0', 658, 46, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2409', '6.7', 254, 17, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1452', '6.3', 816, 51, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('2401', '6.0', 331, 20, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)'),
    ('1785', '6.0', 1314, 79, 'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');

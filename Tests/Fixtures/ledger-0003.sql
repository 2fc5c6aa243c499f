PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (
    version      INTEGER PRIMARY KEY CHECK (version > 0),
    description  TEXT NOT NULL,
    checksum     TEXT NOT NULL CHECK (length(checksum) = 64),
    applied_at   TEXT NOT NULL,
    applied_by   TEXT NOT NULL,
    duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0)
) STRICT;
INSERT INTO schema_migrations VALUES(1,'initial schema','4b0e650f69dc9efa0972b490641f9e02dacb9175e1bbbd5ff6d32c27d8c8ff8c','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO schema_migrations VALUES(2,'audit views','7f55b855a084ba2bc74a7466bf00be426c698b52e7404042a5aa92bb2e7ec205','2026-12-05T20:40:31.812Z','root',0);
INSERT INTO schema_migrations VALUES(3,'housing market','2b492e34e65523e654bc3934d278099171c00aa49ada3ed6af852afd184dfcd8','2026-12-05T20:40:31.812Z','root',1);
CREATE TABLE import_batches (
    batch_id          INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind = 'members' OR kind = 'borrowers' OR kind = 'projects'
                                           OR kind = 'loans' OR kind = 'entries' OR kind = 'indicators'
                                           OR kind = 'readings' OR kind = 'references' OR kind = 'market'),
    file_name         TEXT NOT NULL CHECK (length(file_name) > 0),
    file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
    rows_in_file      INTEGER NOT NULL CHECK (rows_in_file >= 0),
    rows_new          INTEGER NOT NULL CHECK (rows_new >= 0),
    rows_already_present INTEGER NOT NULL CHECK (rows_already_present >= 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    CHECK (rows_new + rows_already_present = rows_in_file)
) STRICT;
INSERT INTO import_batches VALUES(1,'members','/tmp/prev/Seeds/members.csv','0d2d47f93cbfe254a3c00d0ef84d4a2d9ccde37623567a3b7a15e93ad0674662',22,22,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(2,'borrowers','/tmp/prev/Seeds/borrowers.csv','1dfe914237b62c07e945f04d7905e6c1d1d7f32780dbf6e045f1af4b9c825b65',33,33,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(3,'projects','/tmp/prev/Seeds/projects.csv','3814f0a21fb1844a0526c74a9c8ec6875a673c9ea9ab279a228606634434ca33',38,38,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(4,'loans','/tmp/prev/Seeds/loans.csv','02ba0eff8e17d87ef00dc82334c00ee1926d387ff804595cc56840d525c78613',41,41,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(5,'entries','/tmp/prev/Seeds/entries.csv','571db038748fcf4eb4877b492e3986801436c300fb91ad16f93b4987770c0322',81,81,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(6,'indicators','/tmp/prev/Seeds/indicators.csv','4a1a0c5e7f12e1807f6c71464dd11eceb3dd9682227f201264ae23453c190b19',25,25,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(7,'readings','/tmp/prev/Seeds/readings.csv','a1119843c3610b358d59bf7b72a50436692a3ffa48c5ddcba68f393350a85a08',25,25,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(8,'references','/tmp/prev/Seeds/references.csv','58d30ca46dc4cae87cdfb4d2a69816b3093a9730c51dbfe082e92594f3783c8f',4,4,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(9,'market','/tmp/prev/Seeds/market/market.csv','0b9cb51044a3f0a79e241bd184fc4be053033dbdcf62f7fddfe891c3603e3f33',206,206,0,'2026-12-05T20:40:31.812Z','root');
INSERT INTO import_batches VALUES(10,'projects','project30.csv','10f4b7a1aacb7eca1c54ccbd135dc431c58101581fc7cf28ea599c175337c5af',1,1,0,'2026-12-05T20:40:31.988Z','Anna Ek');
CREATE TABLE members (
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    municipality_code TEXT CHECK (municipality_code IS NULL OR municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;
INSERT INTO members VALUES('212000-2882','Botkyrka kommun','0127','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-3005','Uppsala kommun','0380','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-1371','Kungälvs kommun','1482','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-0456','Norrköpings kommun','0581','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-1348','Tanums kommun','1435','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-2924','Vara kommun','1470','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-0837','Ronneby kommun','1081','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-2429','Kramfors kommun','2282','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-0746','Kalmar kommun','0880','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-2338','Gävle kommun','2180','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-2445','Örnsköldsviks kommun','2284','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-1991','Karlskoga kommun','1883','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-1454','Vårgårda kommun','1442','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('232100-0024','Region Uppsala',NULL,'2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9010','Trollhättans stad','1488','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9028','Karlshamns kommun','1082','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9036','Örebro kommun','1880','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9044','Varbergs kommun','1383','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9051','Ånge kommun','2260','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9069','Åre kommun','2321','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9077','Bräcke kommun','2305','2026-12-05T20:40:31.812Z','root',1);
INSERT INTO members VALUES('212000-9085','Sollefteå kommun','2283','2026-12-05T20:40:31.812Z','root',1);
CREATE TABLE borrowers (
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    owner_org_no      TEXT NOT NULL REFERENCES members (org_no),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;
INSERT INTO borrowers VALUES('212000-2882','Botkyrka kommun','212000-2882','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-3005','Uppsala kommun','212000-3005','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-1371','Kungälvs kommun','212000-1371','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-0456','Norrköpings kommun','212000-0456','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-1348','Tanums kommun','212000-1348','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-2924','Vara kommun','212000-2924','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-0837','Ronneby kommun','212000-0837','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-2429','Kramfors kommun','212000-2429','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-0746','Kalmar kommun','212000-0746','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-2338','Gävle kommun','212000-2338','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-2445','Örnsköldsviks kommun','212000-2445','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-1991','Karlskoga kommun','212000-1991','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-1454','Vårgårda kommun','212000-1454','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('232100-0024','Region Uppsala','232100-0024','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9010','Trollhättans stad','212000-9010','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9028','Karlshamns kommun','212000-9028','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9036','Örebro kommun','212000-9036','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9044','Varbergs kommun','212000-9044','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9051','Ånge kommun','212000-9051','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9069','Åre kommun','212000-9069','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9077','Bräcke kommun','212000-9077','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('212000-9085','Sollefteå kommun','212000-9085','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1018','Botkyrkabyggen AB','212000-2882','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1026','AB Eidar Trollhättans Bostadsbolag','212000-9010','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1034','Uppsalahem AB','212000-3005','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1042','Karlshamnsbostäder AB','212000-9028','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1059','Kungälvsbostäder AB','212000-1371','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1067','AB Hyresbostäder i Norrköping','212000-0456','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1075','Tanums Bostäder AB','212000-1348','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1083','Örebro Bostäder AB','212000-9036','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1091','Ånge Fastighets & Industri AB','212000-9051','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1109','Årehus AB','212000-9069','2026-12-05T20:40:31.812Z','root',2);
INSERT INTO borrowers VALUES('556900-1117','Gävle Energi AB','212000-2338','2026-12-05T20:40:31.812Z','root',2);
CREATE TABLE projects (
    project_number    INTEGER PRIMARY KEY CHECK (project_number > 0),
    programme         TEXT NOT NULL CHECK (programme IN ('green', 'social')),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category          TEXT NOT NULL,
    investment_type   INTEGER,
    approved_ore      INTEGER NOT NULL CHECK (approved_ore > 0),
    decision_date     TEXT NOT NULL CHECK (decision_date = date(decision_date, '+0 days')),
    status            TEXT NOT NULL CHECK (status = 'approved' OR status = 'rejected'
                                           OR status = 'withdrawn' OR status = 'completed'),
    framework_version TEXT,
    total_cost_ore    INTEGER CHECK (total_cost_ore IS NULL OR total_cost_ore > 0),
    req_practice_innovation_quality INTEGER CHECK (req_practice_innovation_quality IN (0, 1)),
    req_systematic_work             INTEGER CHECK (req_systematic_work IN (0, 1)),
    req_defined_target_group        INTEGER CHECK (req_defined_target_group IN (0, 1)),
    req_long_term                   INTEGER CHECK (req_long_term IN (0, 1)),
    req_goals_and_evaluation        INTEGER CHECK (req_goals_and_evaluation IN (0, 1)),
    physical_investment TEXT,
    social_intervention TEXT,
    social_goals        TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (programme <> 'social'
        OR category = 'Boende och boendemiljöer'
        OR category = 'Trygghet, säkerhet och tillgänglighet'
        OR category = 'Hälsa, utbildning, idrott och kultur'),
    CHECK (programme <> 'green'
        OR category = 'renewable_energy' OR category = 'energy_efficiency'
        OR category = 'green_buildings' OR category = 'clean_transport'
        OR category = 'waste_management' OR category = 'water_management'
        OR category = 'climate_adaptation' OR category = 'environmental_management'),
    CHECK ((programme = 'social' AND investment_type IN (1, 2))
        OR (programme = 'green' AND investment_type IS NULL)),
    CHECK (programme = 'social' OR (req_practice_innovation_quality IS NULL AND req_systematic_work IS NULL
        AND req_defined_target_group IS NULL AND req_long_term IS NULL AND req_goals_and_evaluation IS NULL)),
    CHECK (programme = 'green' OR framework_version IS NULL)
) STRICT;
INSERT INTO projects VALUES(1,'social','556900-1018','Socialt hållbara stadsdelar – Alby, Fittja och Norsborg (etapp 1)','Boende och boendemiljöer',1,200000000000,'2022-03-15','approved',NULL,NULL,1,1,1,1,1,replace('Nyinvesteringar i upprustning/renovering/utveckling i tre stadsdelar under 2023–2032 samt finansiering av befintligt bestånd i stadsdelarna. Hälften av lånebelopp avser planerade stamrenoveringar.\nAntal ROT-renoverade bostäder (målvärde): Alby 2 026 st / Fittja 1 389 st / Norsborg 1 764 st','\n',char(10)),'Botkyrkabyggens förvaltningsmodell för en hållbar affär.','Värna god boendemiljö; Öka tryggheten; Stärka jämställdheten','2026-12-05T20:40:31.812Z','root',3,X'3b863095c65a3710f5635f5b49320bf0a95a37ef97f59a36ee5e4355050a6db2');
INSERT INTO projects VALUES(2,'social','556900-1034','Renovering','Boende och boendemiljöer',1,65000000000,'2022-04-26','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'3594c4f30f0a647a4f1f53d58dd66676f0b0d63104e12c9ffcfc18177e4c3c83');
INSERT INTO projects VALUES(3,'social','556900-1042','Områdessatsning','Boende och boendemiljöer',1,42000000000,'2022-05-31','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'3cc26dede42a26e53696b3f73a1ce62b719b8a9917248e7126eb2a1f89d3f696');
INSERT INTO projects VALUES(4,'social','556900-1059','Integration - boende','Boende och boendemiljöer',1,30000000000,'2022-06-14','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'810fdc12c41bd48f59f9c61ac753091a46467204a4a7924feb55a7462c8fe781');
INSERT INTO projects VALUES(5,'social','212000-0746','Livskraftig landsbygd','Hälsa, utbildning, idrott och kultur',1,18000000000,'2022-08-30','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'1cf5def7e0bda40794f975f1a05fd0b66947cd53c7570d397e5be946dcf5ea5c');
INSERT INTO projects VALUES(6,'social','556900-1026','Centrum','Boende och boendemiljöer',1,52000000000,'2022-09-27','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'a80662aee4e7ec01b6ee9f501c62034d8475193a55ddfd41229c46e4643a6a5c');
INSERT INTO projects VALUES(7,'social','212000-9044','Demensboende','Trygghet, säkerhet och tillgänglighet',2,31000000000,'2022-10-25','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'd6eeea9c91e7e8805fb14b26379b879b48a005c075821aa1973a3c2a2fda7ad6');
INSERT INTO projects VALUES(8,'social','212000-2924','Familjecentral','Hälsa, utbildning, idrott och kultur',1,9500000000,'2022-11-29','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'4cf764fa1cd810795445686ee689c861c20e8b945161c609dcc758ab298cba77');
INSERT INTO projects VALUES(9,'social','212000-0456','Centrum','Boende och boendemiljöer',1,65000000000,'2023-01-31','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'd62fea0f4f9d2376247c02194d9950f0aaea3b317ad4c968f727daa2229f18b0');
INSERT INTO projects VALUES(10,'social','556900-1067','Tillgänglighet','Trygghet, säkerhet och tillgänglighet',2,24000000000,'2023-02-28','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'4995ff98367fe287443c349e422d9e5f4aa4add74e31824e4a00198cb220f3d2');
INSERT INTO projects VALUES(11,'social','556900-1083','Områdessatsning','Boende och boendemiljöer',1,55000000000,'2023-03-28','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'76e71d2b16c292c5cab4f373763348585f24f0933325a3ef48bf40b0be56234c');
INSERT INTO projects VALUES(12,'social','212000-2338','Idrottshall','Hälsa, utbildning, idrott och kultur',1,26000000000,'2023-04-25','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'4de79cced810fac7d26e532caa42ef643b808f00fed66a8449d920f34b54ceea');
INSERT INTO projects VALUES(13,'social','212000-2338','Kulturhus','Hälsa, utbildning, idrott och kultur',1,48000000000,'2023-05-30','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'6c99ad6f25823fd46277427a578ab8726a0dbf50df77cbc0ac1b1d615c5d1735');
INSERT INTO projects VALUES(14,'social','212000-2882','Dagvattenparker','Trygghet, säkerhet och tillgänglighet',2,15000000000,'2023-06-13','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'e96ea007ca63f9b6a1f1eb8120bd371d5db9b3c56cd076d2459a1fffb848a463');
INSERT INTO projects VALUES(15,'social','212000-0837','Framtidens skolor och förskolor','Hälsa, utbildning, idrott och kultur',1,50000000000,'2023-08-29','approved',NULL,NULL,1,1,1,1,1,'Två nya 4-9-skolor samt en förskola geografiskt nära varandra i tätorten.','Nya upptagningsområden för att möjliggöra socioekonomiskt heterogena klasser. Möjlighet till tidigt samordnade insatser för barn och unga (TSI) genom särskilt anställd personal.','Ökad närvaro i förskolan; Trygghet och studiero; Ökad integration','2026-12-05T20:40:31.812Z','root',3,X'4b355eb70aa96f35a6ad6d46c157f132ee2fbdd3ac11cdf789c7c189ae25db27');
INSERT INTO projects VALUES(16,'social','556900-1075','Områdessatsning','Boende och boendemiljöer',1,16000000000,'2023-09-26','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'7151f288e2e4769c2ac442355fc93632c56d845857fdd3a1ac26c3f636d5ca8b');
INSERT INTO projects VALUES(17,'social','556900-1091','Mer likvärdig förskola','Hälsa, utbildning, idrott och kultur',1,8500000000,'2023-10-31','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'57c486fdacfd05cd86e1ff70d21982abfaec29eedb9a3ab54bf7862db9a28388');
INSERT INTO projects VALUES(18,'social','556900-1109','Samlande förskola, Duved','Hälsa, utbildning, idrott och kultur',1,9000000000,'2023-11-28','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'ff25f14afd2fd56b7fb02d1ee7350b7b1f484cbc86c065d58e818aede591cac5');
INSERT INTO projects VALUES(19,'social','212000-1348','Utryckningsanläggning Tanumshede','Trygghet, säkerhet och tillgänglighet',1,12450000000,'2023-12-12','approved',NULL,16000000000,1,1,1,1,1,'Utryckningsanläggning för Räddningstjänst och Ambulans','Ungdomsbrandkår och utbildning av högstadieungdomar','Säkerhet; Trygghet; Ökad kunskap','2026-12-05T20:40:31.812Z','root',3,X'1dfd8adffa18789115ee709a441fe2b9ec35a0acdfb965d377dca7ba0eab47fa');
INSERT INTO projects VALUES(20,'social','556900-1018','Socialt hållbara stadsdelar – Alby, Fittja och Norsborg (etapp 2)','Boende och boendemiljöer',1,175800000000,'2024-01-30','approved',NULL,NULL,1,1,1,1,1,'Se projekt 1 (samma satsning, #1;#20).','Botkyrkabyggens förvaltningsmodell för en hållbar affär.','Värna god boendemiljö; Öka tryggheten; Stärka jämställdheten','2026-12-05T20:40:31.812Z','root',3,X'93d1409bd88122aa60ff7e9f6001f0d262239ae37da12a9b4b48d05e3ac9c4dd');
INSERT INTO projects VALUES(21,'social','212000-2429','Samlande förskola','Hälsa, utbildning, idrott och kultur',1,11000000000,'2024-02-27','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'c06d64e45a509e893d8765c6ceb75a60285e87df1250c98319d9428e1e80bf9c');
INSERT INTO projects VALUES(22,'social','212000-2445','Trygg stadsmiljö och mötesplatser i centrala Örnsköldsvik','Trygghet, säkerhet och tillgänglighet',2,23000000000,'2024-03-26','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'e193d4115cadeebcf5879392b3ded6c31b600b0e7e0cec8dfb2f6ac8f824a0eb');
INSERT INTO projects VALUES(23,'social','212000-9085','Multiaktivitetshall','Hälsa, utbildning, idrott och kultur',2,6000000000,'2024-06-11','rejected',NULL,NULL,1,1,1,0,0,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'0249daceb37f5fc159ecb89d49ffbec56bb9efc4099e33adfcd41d53f3ab9649');
INSERT INTO projects VALUES(24,'social','212000-1991','Ny F-6-skola med kulturskola','Hälsa, utbildning, idrott och kultur',1,30000000000,'2024-08-27','approved',NULL,42000000000,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'8e11021e40c24e2d495187a588382d9bcceffe821eb736a3b2e841d28469a75b');
INSERT INTO projects VALUES(25,'social','212000-1454','Vård- och omsorgsboende med anhörigcentrum','Trygghet, säkerhet och tillgänglighet',2,21000000000,'2024-09-24','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'8d17af6c37c9583655bde6eac45e77d2277cc1e5d7e64e95387f3425dbd2b7e5');
INSERT INTO projects VALUES(26,'social','232100-0024','Barn- och ungdomshälsa i Gottsunda','Hälsa, utbildning, idrott och kultur',1,30000000000,'2024-10-29','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'f1f017dde1b28c7e27bd8e02b484773531514b2e38cd75d7434240785723ef8d');
INSERT INTO projects VALUES(27,'social','212000-9077','Trygga bostäder och boendedialog','Boende och boendemiljöer',1,7000000000,'2024-11-26','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'aea2a67b52b8bb9e8cf980b51e969c7d70ddff5e5fcd5c2f6bea9f821fa31886');
INSERT INTO projects VALUES(28,'social','212000-2445','Förskola med öppen förskola i Gene','Hälsa, utbildning, idrott och kultur',1,14000000000,'2025-02-25','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'ba50ff9fd47785e1b0c8d305318abca7192e0138dcb5a38f8fd821193d4b5521');
INSERT INTO projects VALUES(29,'social','556900-1042','Områdessatsning, etapp 2','Boende och boendemiljöer',1,18000000000,'2025-04-29','approved',NULL,NULL,1,1,1,1,1,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'daaa526ec840793c8fea3c7595066cf2b2d53969257bd80420d37ab96b7356e5');
INSERT INTO projects VALUES(30,'social','212000-2882','Trygga mötesplatser Hallunda','Trygghet, säkerhet och tillgänglighet',1,2500000000,'2025-05-27','approved',NULL,4000000000,1,1,1,1,1,'Ombyggnad av lokaler','Fritidsgårdar','Öka tryggheten','2026-12-05T20:40:31.988Z','Anna Ek',10,X'c04a3a2fc69ea9c8017fa1877486141cb9952e9b9a736178b2548c4b6eaf2a34');
INSERT INTO projects VALUES(5001,'green','556900-1117','Kraftvärme, solpark och fjärrvärme (aggregat)','renewable_energy',NULL,1800000000000,'2022-02-15','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'a2bd9ad0c633ef555b7089f3db5651b4446e5d5a1721d0e09a8806b848df06ac');
INSERT INTO projects VALUES(5002,'green','556900-1083','Energieffektivisering av bostadsbeståndet (aggregat)','energy_efficiency',NULL,1500000000000,'2022-03-22','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'8044739b6a9842eed262dbfa44a6eba084e803ad837254ded9729eb7c58805ff');
INSERT INTO projects VALUES(5003,'green','556900-1034','Nyproduktion av bostäder med miljöcertifiering (aggregat)','green_buildings',NULL,2400000000000,'2022-04-19','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'acd689652595a2237710ac43ee946887390d9e7613d1c7aaed76d19891c51f67');
INSERT INTO projects VALUES(5004,'green','212000-0456','Spårväg, busslinjer och laddinfrastruktur (aggregat)','clean_transport',NULL,1300000000000,'2022-05-17','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'8c11f4796ba0ecc76d259e27923305ad3e1318e5d8191037c352213c18635b7a');
INSERT INTO projects VALUES(5005,'green','212000-0746','Återvinningscentral och biogasanläggning (aggregat)','waste_management',NULL,600000000000,'2022-06-21','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'daf55a721f2c623a3b0c78485c18b0d0f7d224fda1feacbf12310e47e4b662dc');
INSERT INTO projects VALUES(5006,'green','212000-9044','Nytt avloppsreningsverk och vattenledningar (aggregat)','water_management',NULL,1900000000000,'2022-09-20','approved','2022',2200000000000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'ff83a059d78d7a22a345aeea5933a8e040ac88466f1369dd1536361ef2988881');
INSERT INTO projects VALUES(5007,'green','212000-2882','Skyfallsskydd och översvämningsytor (aggregat)','climate_adaptation',NULL,450000000000,'2022-10-18','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'8d8a428d3b389566308f4053632629b63fbc77bd97d401f756a1721c9d10d23a');
INSERT INTO projects VALUES(5008,'green','212000-2429','Sanering av förorenad industrimark (aggregat)','environmental_management',NULL,250000000000,'2023-01-24','approved','2022',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'2c206c78f17c1b5958de50adddbbe87cb299be3cb8dc082efc4f2a89aa145dfb');
INSERT INTO projects VALUES(5009,'green','212000-1991','Skola i trä med plusenergiprofil','green_buildings',NULL,40000000000,'2025-01-21','approved','2024-12',52000000000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-12-05T20:40:31.812Z','root',3,X'e069cb900dbb08abb9deda10ed88713a9ab880f77da16f07fc5992e159381442');
CREATE TABLE loans (
    loan_id           INTEGER PRIMARY KEY,
    loan_number       TEXT NOT NULL UNIQUE CHECK (length(trim(loan_number)) > 0),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'),
    project_number    INTEGER REFERENCES projects (project_number),
    green_bond_eligible INTEGER,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    CHECK ((programme = 'other') = (project_number IS NULL)),
    CHECK ((programme = 'green' AND green_bond_eligible IN (0, 1))
        OR (programme <> 'green' AND green_bond_eligible IS NULL))
) STRICT;
INSERT INTO loans VALUES(1,'220001','556900-1018','social',1,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(2,'220002','556900-1034','social',2,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(3,'220003','556900-1042','social',3,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(4,'220004','556900-1059','social',4,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(5,'220005','212000-0746','social',5,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(6,'220006','556900-1026','social',6,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(7,'220007','212000-9044','social',7,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(8,'220008','212000-2924','social',8,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(9,'220009','212000-0456','social',9,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(10,'220010','556900-1067','social',10,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(11,'220011','556900-1083','social',11,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(12,'220012','212000-2338','social',12,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(13,'220013','212000-2338','social',13,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(14,'220014','212000-2882','social',14,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(15,'220015','212000-0837','social',15,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(16,'220016','556900-1075','social',16,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(17,'220017','556900-1091','social',17,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(18,'220018','556900-1109','social',18,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(19,'220019','212000-1348','social',19,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(20,'220020','556900-1018','social',20,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(21,'220021','212000-2429','social',21,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(22,'220022','212000-2445','social',22,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(23,'220024','212000-1991','social',24,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(24,'220025','212000-1454','social',25,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(25,'220026','232100-0024','social',26,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(26,'220027','212000-9077','social',27,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(27,'220028','212000-2445','social',28,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(28,'210001','556900-1117','green',5001,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(29,'210002','556900-1083','green',5002,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(30,'210003','556900-1034','green',5003,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(31,'210004','212000-0456','green',5004,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(32,'210005','212000-0746','green',5005,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(33,'210006','212000-9044','green',5006,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(34,'210007','212000-2882','green',5007,0,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(35,'210008','212000-2429','green',5008,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(36,'210009','212000-1991','green',5009,1,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(37,'230001','212000-3005','other',NULL,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(38,'230002','212000-9036','other',NULL,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(39,'230003','212000-0456','other',NULL,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(40,'230004','212000-2338','other',NULL,NULL,'2026-12-05T20:40:31.812Z','root',4);
INSERT INTO loans VALUES(41,'230005','232100-0024','other',NULL,NULL,'2026-12-05T20:40:31.812Z','root',4);
CREATE TABLE ledger_entries (
    entry_id          INTEGER PRIMARY KEY,
    external_id       TEXT NOT NULL UNIQUE CHECK (length(trim(external_id)) > 0),
    loan_id           INTEGER NOT NULL REFERENCES loans (loan_id),
    value_date        TEXT NOT NULL CHECK (value_date = date(value_date, '+0 days')),
    kind              TEXT NOT NULL CHECK (kind = 'disbursement' OR kind = 'repayment' OR kind = 'reversal'),
    amount_ore        INTEGER NOT NULL CHECK (amount_ore > 0),
    balance_effect_ore INTEGER NOT NULL,
    reverses_entry_id INTEGER UNIQUE REFERENCES ledger_entries (entry_id),
    reason            TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (kind <> 'disbursement' OR balance_effect_ore = amount_ore),
    CHECK (kind <> 'repayment' OR balance_effect_ore = -amount_ore),
    CHECK (kind <> 'reversal' OR abs(balance_effect_ore) = amount_ore),
    CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
    CHECK ((kind = 'reversal') = (reason IS NOT NULL AND length(trim(reason)) > 0))
) STRICT;
INSERT INTO ledger_entries VALUES(1,'E-000001',37,'2021-12-15','disbursement',12500000000000,12500000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'7f6f80a1573471043b33e78ee4feb7741c60e5e767ae48c512c126eb9a87ea02');
INSERT INTO ledger_entries VALUES(2,'E-000002',38,'2021-12-15','disbursement',10400000000000,10400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'60fc7255d23b38e91540478f0fb8b5b95789256c20bed817eadaf7008092ad40');
INSERT INTO ledger_entries VALUES(3,'E-000003',39,'2021-12-15','disbursement',9300000000000,9300000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'0a7a9abd456fafd1c4d9709bdbf70398ce51d0e727974209ae8e55a1182dbb3e');
INSERT INTO ledger_entries VALUES(4,'E-000004',40,'2021-12-15','disbursement',7200000000000,7200000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'55ee10a859a524351378714794cc2101ccc1365bbef6becf8413c5b4112e10d8');
INSERT INTO ledger_entries VALUES(5,'E-000005',41,'2021-12-15','disbursement',5044900000000,5044900000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'c07062d01bd43e8921ff5be6c9f9886c1ef16cb4c3523639b72a073ca8ba5833');
INSERT INTO ledger_entries VALUES(6,'E-000006',28,'2022-03-10','disbursement',1000000000000,1000000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'4a62d3a2c6c7114912a8d543584a888bc69c9ac3aae99b5bb99045f708393353');
INSERT INTO ledger_entries VALUES(7,'E-000007',29,'2022-05-02','disbursement',800000000000,800000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'b4b2152b588608455629ed75c72a9e1973accedb81e1029f6b37c9fd00ea1565');
INSERT INTO ledger_entries VALUES(8,'E-000008',30,'2022-06-01','disbursement',1200000000000,1200000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'0dfb334525fcec7fd62f70050f6b9e18f38fcb3e10d2e8641a376639b20587a9');
INSERT INTO ledger_entries VALUES(9,'E-000009',31,'2022-08-22','disbursement',600000000000,600000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'f56542627c6ea669940b440ef1bdece91468f65c59144f2f5ab3b0e9231ce2ba');
INSERT INTO ledger_entries VALUES(10,'E-000010',32,'2022-09-05','disbursement',400000000000,400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'c3fa1af40d9adf181664278c9b32701d0ffdf81aa55e6c6e823869d61fcb5677');
INSERT INTO ledger_entries VALUES(11,'E-000011',2,'2022-10-10','disbursement',15000000000,15000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'b45b1b3225364371db12ed95b3e88c03b2e7bd9345f3e6a4154516ceb065c79c');
INSERT INTO ledger_entries VALUES(12,'E-000012',33,'2022-11-01','disbursement',900000000000,900000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'2867f8f2426e9f408728a7641ea718071ddc2e4ef4c90e247931ee86e45a91a2');
INSERT INTO ledger_entries VALUES(13,'E-000013',3,'2022-11-15','disbursement',8000000000,8000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'7963838cb8fe19ea67363d3fb6dab959a97b775ff0d531422bf1fc74e9eea71e');
INSERT INTO ledger_entries VALUES(14,'E-000014',34,'2022-12-01','disbursement',390000000000,390000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'ddaef0204453a0b595518c90d74cb00e7875fbd5da241f2a12e77136a162fd49');
INSERT INTO ledger_entries VALUES(15,'E-000015',1,'2023-02-15','disbursement',60000000000,60000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'3f5cc1aabc24dff3dcd0414207a25d34a2ec49731005fe7653a553cef98f443f');
INSERT INTO ledger_entries VALUES(16,'E-000016',35,'2023-03-01','disbursement',195000000000,195000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'c502fd6fd9995bede4ec0d7377c4813460cf2388c3903149f3696b200820fa70');
INSERT INTO ledger_entries VALUES(17,'E-000017',6,'2023-03-01','disbursement',7000000000,7000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'a13f78174c4f02c12836a9ead5c38796606d4ea914fed29f76c1b20b93609f42');
INSERT INTO ledger_entries VALUES(18,'E-000018',30,'2023-03-15','disbursement',750000000000,750000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'29de52b064b888c2833fa35eccc313d5ee62ae05042be3184aafbeda144663a1');
INSERT INTO ledger_entries VALUES(19,'E-000019',40,'2023-03-31','repayment',200000000000,-200000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd82c52fdeaec7e197254fd10b92028a4b6e2492a7444505af093aafecc5e2656');
INSERT INTO ledger_entries VALUES(20,'E-000020',28,'2023-04-12','disbursement',400000000000,400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'cc935c041dbd4c95d28f40edf17dacc90967f83d93d965344d47cbbe33d02b30');
INSERT INTO ledger_entries VALUES(21,'E-000021',9,'2023-04-17','disbursement',10000000000,10000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'ab11405be666c4551b7e3f1c9e3fdac68bd940c903774bf7ac74a4c160463368');
INSERT INTO ledger_entries VALUES(22,'E-000022',2,'2023-05-10','disbursement',10000000000,10000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'2b7b5c1a8b88857b83bee6d83d5e7cf0f56856be4ab09a5f8dfbdf9bcd03878b');
INSERT INTO ledger_entries VALUES(23,'E-000023',29,'2023-06-01','disbursement',450000000000,450000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'3ef0885cf90846d06b1aec6b597c5286abd1fb79954bcde30f24462b1502f8a9');
INSERT INTO ledger_entries VALUES(24,'E-000024',37,'2023-06-30','repayment',500000000000,-500000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'69f58f00f4c5ff9b693c5d9f592980e7f9014055bc93757db27817be71654242');
INSERT INTO ledger_entries VALUES(25,'E-000025',38,'2023-06-30','repayment',400000000000,-400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'4e033c12685550f3da3aa9e9242619f5d93768ac004225f797b4f8e422982e5c');
INSERT INTO ledger_entries VALUES(26,'E-000026',31,'2023-08-21','disbursement',400000000000,400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'12f7deaf1c9605d496293a8bf1b43dc160dbdff0ba8e7c5498901af038d5ec56');
INSERT INTO ledger_entries VALUES(27,'E-000027',15,'2023-09-15','disbursement',30000000000,30000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'08b83cf57a064fecd8f84722b2f83b12f2329fb73cdbc9586a4ea947749da633');
INSERT INTO ledger_entries VALUES(28,'E-000028',1,'2023-09-20','disbursement',50000000000,50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'45031534b8e59e41806ec654cf89f0360bdd53d80e8f0d1c19d4ad2a2307ea2b');
INSERT INTO ledger_entries VALUES(29,'E-000029',39,'2023-09-29','repayment',300000000000,-300000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'ccc50801a1a6fb9834c654ca59dec9dcb3d5951d0161bb5a7fbf40d8afb10a8e');
INSERT INTO ledger_entries VALUES(30,'E-000030',33,'2023-10-02','disbursement',600000000000,600000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'8dbc49577a5f2d586c0224d6e6625fc1850ee446206cbf3375dcdb8e45f8e08a');
INSERT INTO ledger_entries VALUES(31,'E-000031',15,'2023-11-14','disbursement',20000000000,20000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'5a3d20c0d37a1cc12a1fccb5a3e5157b5619552811a9038f42cdf6a6779e7a3c');
INSERT INTO ledger_entries VALUES(32,'E-000032',29,'2023-11-30','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'27bdf86e4564f4f84ab01f0852bb4c194045b5b027b5903a76d9eade9b49948c');
INSERT INTO ledger_entries VALUES(33,'E-000033',28,'2023-12-01','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'687685bfe8e54d95cceddab79e7a19f733bef104a03527b82bcfa75be4744976');
INSERT INTO ledger_entries VALUES(34,'E-000034',30,'2023-12-15','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'abde31a7f78a9f2eb5e98a59fce2b9544c12413ba798fd598cbb578279fd743b');
INSERT INTO ledger_entries VALUES(35,'E-000035',4,'2024-01-22','disbursement',10000000000,10000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'e7101da780ed52c93baef969eb238e6199e200a7554e34868c915258282be856');
INSERT INTO ledger_entries VALUES(36,'E-000036',32,'2024-02-05','disbursement',100000000000,100000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'6ab82c252fbab1b5f82deddbb227a00d11a329594ff79f06f541259cf4b04de0');
INSERT INTO ledger_entries VALUES(37,'E-000037',2,'2024-02-05','disbursement',15000000000,15000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'4de99f435c9af2e38e2b987a39a776e38fac26921b805d5bbeb40cfac34922e6');
INSERT INTO ledger_entries VALUES(38,'E-000038',8,'2024-02-19','disbursement',4000000000,4000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'0d1ee6cbe57d00a621ec5bf450cf2462c8345286ee7866ca57c0186fb6adf490');
INSERT INTO ledger_entries VALUES(39,'E-000039',34,'2024-03-01','disbursement',40000000000,40000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'1f7a45fd8c0d1230b51c5d84d768ec42d771afc4978c82ed2c2ab8b6bb3be274');
INSERT INTO ledger_entries VALUES(40,'E-000040',3,'2024-03-04','disbursement',12000000000,12000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'a7035515afeaa59df87f7098ed38fa81187152e10d80d92010859806955dbe8a');
INSERT INTO ledger_entries VALUES(41,'E-000041',1,'2024-03-12','disbursement',40000000000,40000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'58eb422d58c4ec5668e8b3a1da4f7cd6dd2d5621c5ca3e4605be766530e516b6');
INSERT INTO ledger_entries VALUES(42,'E-000042',12,'2024-03-25','disbursement',10000000000,10000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'5d6f25c0811f1d76adf61aa03b616462d500d4b7a5a55503c28a648b07c92211');
INSERT INTO ledger_entries VALUES(43,'E-000043',38,'2024-03-28','disbursement',800000000000,800000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'13a0a499e1992d3ffc2697bf2febe33e52f31be9a8faac394d6df74b0a141582');
INSERT INTO ledger_entries VALUES(44,'E-000044',29,'2024-04-02','disbursement',200000000000,200000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'85a7f4625a61ffc7268a4f342c388bd36d35f74c21d22806223b8fe6dda4d648');
INSERT INTO ledger_entries VALUES(45,'E-000045',6,'2024-04-08','disbursement',15000000000,15000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'78599caa392ddf63164c0e8be2d4a74842be0f05cd2ca23069aa253db53b9e66');
INSERT INTO ledger_entries VALUES(46,'E-000046',19,'2024-04-16','disbursement',3500000000,3500000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'21e3308c4719a7ee8390e17329b2354eb2c9ca5918308884c08cdedbe7640e42');
INSERT INTO ledger_entries VALUES(47,'E-000047',17,'2024-04-29','disbursement',3000000000,3000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'e9054000ca480ff67b121ef08600772bd030035ca1e0b4369827097ecfb5d608');
INSERT INTO ledger_entries VALUES(48,'E-000048',5,'2024-05-13','disbursement',6000000000,6000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'95f54a972d4cff0e4aba7ce761a673d9c5dcede5c3c3360be58c764c931bea0e');
INSERT INTO ledger_entries VALUES(49,'E-000049',28,'2024-05-15','disbursement',200000000000,200000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'8d3feefbf50d229f0736de798359c7f2d32e0a7c17f87f963fd5b1377b4382f8');
INSERT INTO ledger_entries VALUES(50,'E-000050',10,'2024-05-27','disbursement',8000000000,8000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'7451966a1f2e2b2a6e1e91cc1dea35bdaeee893e574bcdd69412ff8595c43fff');
INSERT INTO ledger_entries VALUES(51,'E-000051',7,'2024-06-03','disbursement',15000000000,15000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd88b2b2b2544600936405baeb24628f3baf2830412bd9fe6d90362f607b5a36b');
INSERT INTO ledger_entries VALUES(52,'E-000052',30,'2024-06-14','disbursement',300000000000,300000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'4e65c2d4d376255117b88fe920b8b5ebb289d1d32cbcf64bac2b6a37aba833f9');
INSERT INTO ledger_entries VALUES(53,'E-000053',20,'2024-06-18','disbursement',20000000000,20000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'9e475561d01af343a30bbad31ddbcca5e658dd3f1b217fb2f267f97bfa00138d');
INSERT INTO ledger_entries VALUES(54,'E-000054',14,'2024-06-24','disbursement',4000000000,4000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'f144351d2b36e10e975fa6deed51b088bb82251000b068798a89c7f2264cde5b');
INSERT INTO ledger_entries VALUES(55,'E-000055',37,'2024-06-28','disbursement',1000000000000,1000000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'faba302571f92081059302f70c4a20482429f64b2e8ee9f207616bfafcc5f5ce');
INSERT INTO ledger_entries VALUES(56,'E-000056',11,'2024-08-19','disbursement',20000000000,20000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'209a035b0f63f6bcd15fb4d93a01252d90b59a95418f24592fc1d483c2417087');
INSERT INTO ledger_entries VALUES(57,'E-000057',31,'2024-08-20','disbursement',150000000000,150000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'50c94cd40fcdfc4f6585a78574c8324fcfc7e4f08dbc58ca6800eee5e5f9b899');
INSERT INTO ledger_entries VALUES(58,'E-000058',35,'2024-09-02','disbursement',45000000000,45000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'13008da4eb964ad157e73fe6bb98355c5558218aaeefe63248b443fe28c2b553');
INSERT INTO ledger_entries VALUES(59,'E-000059',9,'2024-09-09','disbursement',20000000000,20000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'73797c0e447fba78404538d355386e82a25792a1de050809f9ff15c6a4f04a2f');
INSERT INTO ledger_entries VALUES(60,'E-000060',18,'2024-09-30','disbursement',3376543210,3376543210,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'4f8f9e9216b358eab402da8f2a2c256d043021cd357d222334e91958653cd7a3');
INSERT INTO ledger_entries VALUES(61,'E-000061',38,'2024-09-30','repayment',400000000000,-400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd5e56811ba3f1e73261d6ff8744c65efe1f4525577c952661e723f49b3b949bb');
INSERT INTO ledger_entries VALUES(62,'E-000062',39,'2024-09-30','disbursement',300000000000,300000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'0d0c5b6dda3cf83ff6e4c13e72afba97038304a13e54b7190b9373f0f2ab30f4');
INSERT INTO ledger_entries VALUES(63,'E-000063',33,'2024-10-01','disbursement',368765432109,368765432109,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'42b224c9d1b31c44e2bf02e3115387c15928745da5c8b7664bcd78c6bc2eca90');
INSERT INTO ledger_entries VALUES(64,'E-000064',1,'2024-10-08','disbursement',30000000000,30000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'47b6a0d99c898ca7b769ae158000ad0d71807a2462f942b451215e57cb440f95');
INSERT INTO ledger_entries VALUES(65,'E-000065',16,'2024-10-21','disbursement',6000000000,6000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'8bbcf135c1fb47cbedf541955cceaa054ae952dbc9b6fa7e562580988d42959d');
INSERT INTO ledger_entries VALUES(66,'E-000066',13,'2024-11-11','disbursement',5000000000,5000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'0e499abe66279c1d5da3e390bde2ef8173fddb187dcf10c3e5cb75bbe9661df0');
INSERT INTO ledger_entries VALUES(67,'E-000067',29,'2024-11-29','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'eaae50b92a1a38106e05a5244fc5527f79fc63803024096c705c523ecd3e1932');
INSERT INTO ledger_entries VALUES(68,'E-000068',40,'2024-11-29','disbursement',400000000000,400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'5b4fb7a782cdcdd4257b1ac034c80e43af89c07630a3ba5b8fcac25b51fd33f4');
INSERT INTO ledger_entries VALUES(69,'E-000069',28,'2024-12-02','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd4bdc60d11aa30b9c98b138cb2defab96167f89ca946d9dcb70ce4aff9502963');
INSERT INTO ledger_entries VALUES(70,'E-000070',30,'2024-12-16','repayment',50000000000,-50000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'8924392b91e8b7f691de62b9b43c77682f17ea539d69e37621aae118ad658b3e');
INSERT INTO ledger_entries VALUES(71,'E-000071',41,'2024-12-18','disbursement',173100000000,173100000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'12eb719cfde123894f543d2f9d122b6328ac5bcfdc8ebf618d987194e3b1a47d');
INSERT INTO ledger_entries VALUES(72,'E-000072',34,'2024-12-20','repayment',20000000000,-20000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'237e73060e2f0ef48323ec5a4d25982d36ecf263bd09c98faa0db2e29719ac82');
INSERT INTO ledger_entries VALUES(73,'E-000073',35,'2024-12-27','repayment',10000000000,-10000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'a91199f0d11f2944ff1fedd36821e9a563f54f99c0f284419f3a06b2b2448f3f');
INSERT INTO ledger_entries VALUES(74,'E-000074',37,'2024-12-30','repayment',500000000000,-500000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'2be6a83e6257dcb45b8e84ff5302c202c18f1c4c1b5bf48a09580524e0e9f5aa');
INSERT INTO ledger_entries VALUES(75,'E-000075',21,'2025-01-20','disbursement',4000000000,4000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'411973e7d63809e42d2b1b1c0cd1106828a86003104531a648482c85e1355d57');
INSERT INTO ledger_entries VALUES(76,'E-000076',20,'2025-02-11','disbursement',19000000000,19000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'ca950fba2370d828513c6c46196349ad77aa286c5b7e0e95f38adcce14c6be58');
INSERT INTO ledger_entries VALUES(77,'E-000077',36,'2025-02-17','disbursement',5000000000,5000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'6b4314faed16b82afd2984bd66ce83905d57e175c8a57523bf188b3473e6c51c');
INSERT INTO ledger_entries VALUES(78,'E-000078',22,'2025-02-24','disbursement',3000000000,3000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'bf4970d7791b8d0fbb9101335306e2154bdda1b37b2e5264419cfff79f6f4f6c');
INSERT INTO ledger_entries VALUES(79,'E-000079',23,'2025-03-10','disbursement',4000000000,4000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd1a9b15b547230d18890cd5ed7416bf1ec0c9af85cc18487278ceb3e8184969d');
INSERT INTO ledger_entries VALUES(80,'E-000080',38,'2025-03-31','repayment',400000000000,-400000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'166e9e2b9d7bf6c0adc5ae33a661b518fdce3274c04d9daabf80724059ba4e06');
INSERT INTO ledger_entries VALUES(81,'E-000081',24,'2025-04-07','disbursement',5000000000,5000000000,NULL,NULL,'2026-12-05T20:40:31.812Z','root',5,X'd876b51127a30027e104a60c0c655dbb5c37f42cf64e2e886c7ab38ce0a911cb');
INSERT INTO ledger_entries VALUES(82,'OLD-D1',25,'2024-11-15','disbursement',1000000000,1000000000,NULL,NULL,'2026-12-05T20:40:31.880Z','Anna Ek',NULL,X'2d4c514e286413e33405839ee5539d81895dc1f48233983c91befbdc9d76831b');
INSERT INTO ledger_entries VALUES(83,'OLD-D2',26,'2024-12-10','disbursement',500000000,500000000,NULL,NULL,'2026-12-05T20:40:31.891Z','Anna Ek',NULL,X'c629fb847496735e132fec0f07eaed71f539087afb04b18e0abf1894171a9b49');
INSERT INTO ledger_entries VALUES(84,'OLD-R1',25,'2024-12-20','repayment',200000000,-200000000,NULL,NULL,'2026-12-05T20:40:31.902Z','Anna Ek',NULL,X'fa0d445a8f549d25685b00f133adfea2c5ff02602559f8a48e71ab024d0abd46');
INSERT INTO ledger_entries VALUES(85,'OLD-D3',36,'2025-02-03','disbursement',100000050,100000050,NULL,NULL,'2026-12-05T20:40:31.912Z','Bo Lund',NULL,X'0668d0ffe71738759db0bf975f069be5b1f132c24936ecddfc24a1c7dd516c82');
INSERT INTO ledger_entries VALUES(86,'OLD-D2-R',26,'2024-12-10','reversal',500000000,-500000000,83,'Fel lån','2026-12-05T20:40:31.923Z','Bo Lund',NULL,X'71a732ff0c9f763cb71fd7e2e11fb369dae3ff98f25b52d7398110cb2cbd92d9');
CREATE TABLE indicators (
    indicator_id      TEXT PRIMARY KEY CHECK (length(trim(indicator_id)) > 0),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    area              TEXT,
    goal              TEXT NOT NULL CHECK (length(trim(goal)) > 0),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit              TEXT,
    direction         TEXT NOT NULL CHECK (direction = 'higher' OR direction = 'lower' OR direction = 'none'),
    baseline_value    TEXT,
    baseline_year     INTEGER CHECK (baseline_year BETWEEN 1900 AND 2200),
    target            TEXT NOT NULL CHECK (length(target) > 0),
    target_text       TEXT,
    target_year       INTEGER CHECK (target_year IS NULL OR target_year BETWEEN 1900 AND 2200),
    tolerance         TEXT NOT NULL DEFAULT '0',
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;
INSERT INTO indicators VALUES('ALBY-TRIVSEL-LGH',1,'Alby','Ökad trivsel','Trivsel i lägenheten Alby','index','higher','86.5',2022,'>=90','90 (2025)',2025,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-TRYGGHET-TRAPPHUS',1,'Alby','Ökad trivsel','Trygghet i trapphus Alby','index','higher','74.5',2022,'>=80','80 (2025)',2025,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-TRYGGHET-KVALL',1,'Alby','Ökad upplevd trygghet','Personlig trygghet i området kvällar/nätter Alby','index','higher','66.7',2022,'>=80','80 (2025)',2025,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-ROT-HYRESHOJNING',1,'Alby','Hållbarhet i ROT-projekt (stambyten)','Hyreshöjning i samband med ROT-renovering Alby','%','lower','15',2022,'<=20','≤20%',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-QVINNA-ANSTALLDA',1,'Alby','Ökad sysselsättning och jämställdhet','Anställda i Qvinna i Botkyrka','antal anställda','higher','60',2022,'text:Värde utifrån behovsbild','Värde utifrån behovsbild',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-UPPSAGNINGAR-ANDRAHAND',1,'Alby','Rätta hyresförhållanden','Antal uppsägningar på grund av olovlig andrahandsuthyrning','antal','none','163',2022,'text:Följa upp samtliga tips samt säga upp avtal vid olovlig andrahands-uthyrning','Följa upp samtliga tips samt säga upp avtal vid olovlig andrahands-uthyrning',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-HYRESNIVA',1,'Alby','Rimliga hyresnivåer','Genomsnittlig hyresnivå Alby, per kvm och år (exklusive stamrenovering och tillval)','kr/kvm och år','none','1106',2022,'text:Enligt årlig hyresförhandling','Enligt årlig hyresförhandling',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('ALBY-FASTIGHETSVARDE',1,'Alby','Ökade fastighetsvärden','Ökade reala fastighetsvärden, utöver generell marknadsvärdesutveckling (baserat på driftnetto exklusive underhåll)','mnkr','higher','195.8',2022,'text:Ökning med 2 % per år','Ökning med 2 % per år',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('BOT-CIVIL-INVESTERINGAR',1,'Botkyrka','Förbättrade utfall kopplat till sociala samverkansavtal','Årliga investeringar i samverkan med civilsamhället, fritidsaktiviteter, boendeinflytande för barn m.m.','mnkr','higher','4.2',2022,'text:Värde utifrån behovsbild','Värde utifrån behovsbild',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('BOT-KOMPIS-DELTAGARE',1,'Botkyrka','Förbättrade utfall kopplat till sociala samverkansavtal','Antal aktiva deltagare i Kompis Sverige, program för integration, fokus på språk, kontakter och nätverk','antal deltagare per år','higher','327',2022,'200-400','200-400 per år',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('BOT-LAXHJALPEN-GODKANDA',1,'Botkyrka','Förbättrade utfall kopplat till sociala samverkansavtal','Elever i Läxhjälpen med godkända betyg från grundskolan','%','higher','80',2022,'>=100','100 %',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('TANUM-SKOLHANDELSER',19,'Tanum','Trygghet','Inrapporterade händelser i skolmiljö','antal händelser','lower','16',2022,'<=0','0',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('TANUM-REKRYTERING-TJEJER',19,'Tanum','Säkerhet','Platser till riktad rekrytering av ungdomar (tjejer)','%','higher','0',2022,'>=50','50%',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('TANUM-SARSKILT-INTRESSE',19,'Tanum','Trygghet','Ungdomar av "särskilt intresse" som fått riktad utbildning. (Föreslås av Kommunens trygghetsgrupp)','antal','higher','8',2022,'text:Samtliga ungdomar av särskilt intresse','Samtliga ungdomar av särskilt intresse',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('TANUM-BRANDKUNSKAP-AK7-9',19,'Tanum','Ökad kunskap','Elever i årskurs 7-9 som tar del av utbildning i brandkunskap','%','higher','0',2022,'>=100','100%',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-NARVARO-FORSKOLA',15,'Ronneby','Ökad närvaro i förskolan','Ökad andel närvarande barn på förskolan ökar','%','higher','50',2022,'90-100','90-100 %',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-INSKRIVNA-UPPTAGNING',15,'Ronneby','Ökad närvaro i förskolan','Andelen inskrivna barn inom upptagningsområdet - (i kommunala förskolor)','%','higher','95',2022,'90-100','90-100 %',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-AK9-GODKANDA-FLICKOR',15,'Ronneby','Trygghet och studiero','Fler flickor går ut åk 9 med godkända betyg','%','higher','60.4',2022,'ref>=riket_ak9_godkanda_flickor','I nivå med riket',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-AK9-GODKANDA-POJKAR',15,'Ronneby','Trygghet och studiero','Fler pojkar går ut åk 9 med godkända betyg','%','higher','51.3',2022,'ref>riket_ak9_godkanda_pojkar','Över rikssnitt',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-MALUPPFYLLELSE-MODERSMAL',15,'Ronneby','Ökad integration','Ökad måluppfyllelse för elever med annat modersmål - flickor och pojkar (statistik ej könsuppdelad)','%','higher','60',2022,'90-100','90-100 %',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-TRYGGA-AK5-FLICKOR',15,'Ronneby','Trygghet och studiero','Ökad andel flickor i åk 5 som känner sig trygga i skolan','%','higher','79',2020,'increasing','Ökande',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-TRYGGA-AK5-POJKAR',15,'Ronneby','Trygghet och studiero','Ökad andel pojkar i åk 5 som känner sig trygga i skolan','%','higher','84',2020,'increasing','Ökande',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-TRYGGA-AK8-FLICKOR',15,'Ronneby','Trygghet och studiero','Ökad andel flickor i åk 8 som känner sig trygga i skolan','%','higher','63',2020,'increasing','Ökande',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-TRYGGA-AK8-POJKAR',15,'Ronneby','Trygghet och studiero','Ökad andel pojkar i åk 8 som känner sig trygga i skolan','%','higher','65',2020,'increasing','Ökande',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
INSERT INTO indicators VALUES('RONNEBY-INTEGRATION-STDAV',15,'Ronneby','Ökad integration','Ökad integration på våra skolor (Mäts genom standardavvikelse skolorna emellan med avseende på andel elever med annat modersmål än svenska)','%','lower','19',2022,'decreasing','Minskande',NULL,'0','2026-12-05T20:40:31.812Z','root',6);
CREATE TABLE readings (
    reading_id        INTEGER PRIMARY KEY,
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value_text        TEXT NOT NULL CHECK (length(trim(value_text)) > 0),
    value_kind        TEXT NOT NULL CHECK (value_kind = 'number' OR value_kind = 'range' OR value_kind = 'text'),
    value_low         TEXT,
    value_high        TEXT,
    met_by_decision   INTEGER NOT NULL DEFAULT 0 CHECK (met_by_decision IN (0, 1)),
    decision_note     TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (indicator_id, year),
    CHECK ((value_kind = 'text') = (value_low IS NULL AND value_high IS NULL)),
    CHECK (met_by_decision = 0 OR value_kind = 'text')
) STRICT;
INSERT INTO readings VALUES(1,'ALBY-TRIVSEL-LGH',2023,'86.0','number','86','86',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'5a487b7f9f6af34593aacdda673391d11e6bb8fbee0947c7e49ae707106b4f2a');
INSERT INTO readings VALUES(2,'ALBY-TRYGGHET-TRAPPHUS',2023,'73.5','number','73.5','73.5',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'5c873746962034c72113175ecfaa41766f34a006c50e80013124d8b26dba803c');
INSERT INTO readings VALUES(3,'ALBY-TRYGGHET-KVALL',2023,'64.2','number','64.2','64.2',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'420bc32051d9ab414a0cfdd373a07adfb0eb5a3fcbb02817455bccb32f100655');
INSERT INTO readings VALUES(4,'ALBY-ROT-HYRESHOJNING',2023,'14','number','14','14',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'f87f1886a2fbb7eacf584bbcbe923de673d861bffe248169cd6da93d5bb9023e');
INSERT INTO readings VALUES(5,'ALBY-QVINNA-ANSTALLDA',2023,'60','number','60','60',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'b75a4889583cf9bd74d2f90a38533760cd3fcbc40fa3aef4946c4267f2eba5fd');
INSERT INTO readings VALUES(6,'ALBY-UPPSAGNINGAR-ANDRAHAND',2023,'124','number','124','124',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'6eb563ae8fc439690c4ba107b4932d7b4710cd9e99e819bed3bc73bc878f8d33');
INSERT INTO readings VALUES(7,'ALBY-HYRESNIVA',2023,'1150','number','1150','1150',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'3c9c5176ab89f43f0fd2fa259c617233185126e210377399296a83a556660cc7');
INSERT INTO readings VALUES(8,'ALBY-FASTIGHETSVARDE',2023,'-44.4','number','-44.4','-44.4',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'075587ae8d8af68c704e627664171b59d2194770dec5a909d1cef3255b7a7f0a');
INSERT INTO readings VALUES(9,'BOT-CIVIL-INVESTERINGAR',2023,'4.2','number','4.2','4.2',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'53110b960ac55235b756541f203a204a8643785988f92b65ac565c3502bd2028');
INSERT INTO readings VALUES(10,'BOT-KOMPIS-DELTAGARE',2023,'343','number','343','343',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'db8b061198dbc77eefaae0f7595ed094299044da02fec5ec63ca07b8eacd12f2');
INSERT INTO readings VALUES(11,'BOT-LAXHJALPEN-GODKANDA',2023,'85','number','85','85',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'116862a76c1017c993edf4cd110f8f87e5132a9d2704cbf0edb45ac6931e4b33');
INSERT INTO readings VALUES(12,'TANUM-SKOLHANDELSER',2023,'0','number','0','0',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'411320baeab276380365e8ab5128d078b1d36114936e636b63bd4c7f0ba3b0cc');
INSERT INTO readings VALUES(13,'TANUM-REKRYTERING-TJEJER',2023,'20','number','20','20',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'a54dcb81273a1a61411b9c77d78392c38810e895f6a7535cfde3635ea77f1250');
INSERT INTO readings VALUES(14,'TANUM-SARSKILT-INTRESSE',2023,'0','number','0','0',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'554c7f5b534d9c2c138c863afb820e5278e6644b36b7dd7d253f58b5d888e4a5');
INSERT INTO readings VALUES(15,'TANUM-BRANDKUNSKAP-AK7-9',2023,'100','number','100','100',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'e4dc6ec71c2d16167c5940083cc7e255a87d2492da10a327746cfba7cd5facde');
INSERT INTO readings VALUES(16,'RONNEBY-NARVARO-FORSKOLA',2023,'66','number','66','66',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'6249d912b98a7ba4fe6e59a47be8877f400b90b80238c183730338233edd695e');
INSERT INTO readings VALUES(17,'RONNEBY-INSKRIVNA-UPPTAGNING',2023,'97-98','range','97','98',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'506dc61ada101f9be225dfce997066bfa29d0d8b667c513eba73493a4be7d515');
INSERT INTO readings VALUES(18,'RONNEBY-AK9-GODKANDA-FLICKOR',2023,'63','number','63','63',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'9bdbcb96b6bad8b3ee2cf02268d22b97b601bf89b2313e37df2f1e5465f7e677');
INSERT INTO readings VALUES(19,'RONNEBY-AK9-GODKANDA-POJKAR',2023,'52.2','number','52.2','52.2',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'618d2005822a53075b8fbaf124408a675c0fbbd95fb0246866e161beb22a91a9');
INSERT INTO readings VALUES(20,'RONNEBY-MALUPPFYLLELSE-MODERSMAL',2023,'63.3','number','63.3','63.3',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'f996bd3bd64a060bc3fc69935c78a0de4f12bd8028ed469724bb0ea99c8ca213');
INSERT INTO readings VALUES(21,'RONNEBY-TRYGGA-AK5-FLICKOR',2023,'76','number','76','76',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'676980d9bb1e80163383e39f0b0728f9a9319d2956bb754b5986b8c4c41d052b');
INSERT INTO readings VALUES(22,'RONNEBY-TRYGGA-AK5-POJKAR',2023,'90','number','90','90',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'17b7bacda1880ca9a2eb16a98e61c261455f5606d89edfba1d920b7868a6b772');
INSERT INTO readings VALUES(23,'RONNEBY-TRYGGA-AK8-FLICKOR',2023,'62','number','62','62',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'0add6bbe7dea1bc6976517ba9d6b9adf9a849ed6b3e57528a8d8c674bcd07aff');
INSERT INTO readings VALUES(24,'RONNEBY-TRYGGA-AK8-POJKAR',2023,'90','number','90','90',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'65a49152e14cb62c27d62fb9b6fa17b6bf10d8c8995f56a5077d41952a54dcfc');
INSERT INTO readings VALUES(25,'RONNEBY-INTEGRATION-STDAV',2023,'18','number','18','18',0,NULL,'2026-12-05T20:40:31.812Z','root',7,X'e4908bc4f98f7b69e39fa11f0fdd7e2651fd198678c5b832158bb56742dbe3c9');
INSERT INTO readings VALUES(26,'ALBY-TRIVSEL-LGH',2024,'88','number','88','88',0,NULL,'2026-12-05T20:40:31.934Z','Cecilia',NULL,X'a6c42f919718f3ca168691eaa6f5d77ce5eb26dfd0d918c748f323f11d6af729');
INSERT INTO readings VALUES(27,'RONNEBY-INSKRIVNA-UPPTAGNING',2024,'96-99','range','96','99',0,NULL,'2026-12-05T20:40:31.944Z','Cecilia',NULL,X'1d7e053bfb07dcf7a301b7907f12ab1635e679f8b7a290e841d37f2500c63140');
CREATE TABLE reference_values (
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value             TEXT NOT NULL,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    PRIMARY KEY (name, year)
) STRICT;
INSERT INTO reference_values VALUES('riket_ak9_godkanda_flickor',2022,'76.1','2026-12-05T20:40:31.812Z','root',8);
INSERT INTO reference_values VALUES('riket_ak9_godkanda_flickor',2023,'75.4','2026-12-05T20:40:31.812Z','root',8);
INSERT INTO reference_values VALUES('riket_ak9_godkanda_pojkar',2022,'71.8','2026-12-05T20:40:31.812Z','root',8);
INSERT INTO reference_values VALUES('riket_ak9_godkanda_pojkar',2023,'70.9','2026-12-05T20:40:31.812Z','root',8);
CREATE TABLE followup_approvals (
    approval_id       INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    revision          INTEGER NOT NULL CHECK (revision >= 1),
    approved_on       TEXT NOT NULL CHECK (approved_on = date(approved_on, '+0 days')),
    rule_version      TEXT NOT NULL,
    ledger_head_hash  TEXT NOT NULL,
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (year, revision)
) STRICT;
INSERT INTO followup_approvals VALUES(1,2023,1,'2024-03-20','domain.md 2025 rules v1','sha256:6d3e6bd88174cf8aef61cbc3cfca90d279427dd501778607bcb43e9cbcb6b4a8','Protokoll 2024:3 §5','2026-12-05T20:40:31.955Z','Kommittén',X'c751779ea3b3350f6a4468d19357316cc12765eb4333dabcdfad6677b1e55a10');
CREATE TABLE followup_approved_statuses (
    approval_id       INTEGER NOT NULL REFERENCES followup_approvals (approval_id),
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    baseline_text     TEXT,
    previous_text     TEXT,
    value_text        TEXT,
    target_text       TEXT,
    status            TEXT NOT NULL CHECK (status = 'worse_than_baseline' OR status = 'negative_trend'
                                           OR status = 'target_met' OR status = 'positive_trend'
                                           OR status = 'no_change' OR status = 'not_reported'
                                           OR status = 'not_assessed'),
    target_year_passed_unmet INTEGER NOT NULL CHECK (target_year_passed_unmet IN (0, 1)),
    PRIMARY KEY (approval_id, indicator_id)
) STRICT;
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-TRIVSEL-LGH',1,'86.5','86.5','86','90 (2025)','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-TRYGGHET-TRAPPHUS',1,'74.5','74.5','73.5','80 (2025)','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-TRYGGHET-KVALL',1,'66.7','66.7','64.2','80 (2025)','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-ROT-HYRESHOJNING',1,'15','15','14','≤20%','target_met',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-QVINNA-ANSTALLDA',1,'60','60','60','Värde utifrån behovsbild','no_change',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-UPPSAGNINGAR-ANDRAHAND',1,'163','163','124','Följa upp samtliga tips samt säga upp avtal vid olovlig andrahands-uthyrning','not_assessed',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-HYRESNIVA',1,'1106','1106','1150','Enligt årlig hyresförhandling','not_assessed',0);
INSERT INTO followup_approved_statuses VALUES(1,'ALBY-FASTIGHETSVARDE',1,'195.8','195.8','-44.4','Ökning med 2 % per år','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'BOT-CIVIL-INVESTERINGAR',1,'4.2','4.2','4.2','Värde utifrån behovsbild','no_change',0);
INSERT INTO followup_approved_statuses VALUES(1,'BOT-KOMPIS-DELTAGARE',1,'327','327','343','200-400 per år','target_met',0);
INSERT INTO followup_approved_statuses VALUES(1,'BOT-LAXHJALPEN-GODKANDA',1,'80','80','85','100 %','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'TANUM-SKOLHANDELSER',19,'16','16','0','0','target_met',0);
INSERT INTO followup_approved_statuses VALUES(1,'TANUM-REKRYTERING-TJEJER',19,'0','0','20','50%','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'TANUM-SARSKILT-INTRESSE',19,'8','8','0','Samtliga ungdomar av särskilt intresse','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'TANUM-BRANDKUNSKAP-AK7-9',19,'0','0','100','100%','target_met',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-NARVARO-FORSKOLA',15,'50','50','66','90-100 %','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-INSKRIVNA-UPPTAGNING',15,'95','95','97-98','90-100 %','target_met',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-AK9-GODKANDA-FLICKOR',15,'60.4','60.4','63','I nivå med riket','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-AK9-GODKANDA-POJKAR',15,'51.3','51.3','52.2','Över rikssnitt','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-MALUPPFYLLELSE-MODERSMAL',15,'60','60','63.3','90-100 %','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-TRYGGA-AK5-FLICKOR',15,'79','79','76','Ökande','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-TRYGGA-AK5-POJKAR',15,'84','84','90','Ökande','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-TRYGGA-AK8-FLICKOR',15,'63','63','62','Ökande','worse_than_baseline',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-TRYGGA-AK8-POJKAR',15,'65','65','90','Ökande','positive_trend',0);
INSERT INTO followup_approved_statuses VALUES(1,'RONNEBY-INTEGRATION-STDAV',15,'19','19','18','Minskande','positive_trend',0);
CREATE TABLE balance_assertions (
    assertion_id      INTEGER PRIMARY KEY,
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'
                                           OR programme = 'sustainable' OR programme = 'all'),
    as_of             TEXT NOT NULL CHECK (as_of = date(as_of, '+0 days')),
    expected_ore      INTEGER NOT NULL CHECK (expected_ore >= 0),
    tolerance_ore     INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_ore >= 0),
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0)
) STRICT;
INSERT INTO balance_assertions VALUES(1,'green','2024-12-31',9158765432109,0,'Bild 2','2026-12-05T20:40:31.968Z','Revisor');
INSERT INTO balance_assertions VALUES(2,'social','2024-12-31',460676543210,0,NULL,'2026-12-05T20:40:31.979Z','Revisor');
CREATE TABLE municipalities (
    municipality_code TEXT PRIMARY KEY CHECK (municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0)
) STRICT;
INSERT INTO municipalities VALUES('0126','Huddinge');
INSERT INTO municipalities VALUES('0127','Botkyrka');
INSERT INTO municipalities VALUES('0136','Haninge');
INSERT INTO municipalities VALUES('0180','Stockholm');
INSERT INTO municipalities VALUES('0181','Södertälje');
INSERT INTO municipalities VALUES('0380','Uppsala');
INSERT INTO municipalities VALUES('0428','Vingåker');
INSERT INTO municipalities VALUES('0482','Flen');
INSERT INTO municipalities VALUES('0484','Eskilstuna');
INSERT INTO municipalities VALUES('0509','Ödeshög');
INSERT INTO municipalities VALUES('0512','Ydre');
INSERT INTO municipalities VALUES('0560','Boxholm');
INSERT INTO municipalities VALUES('0563','Valdemarsvik');
INSERT INTO municipalities VALUES('0580','Linköping');
INSERT INTO municipalities VALUES('0581','Norrköping');
INSERT INTO municipalities VALUES('0604','Aneby');
INSERT INTO municipalities VALUES('0617','Gnosjö');
INSERT INTO municipalities VALUES('0642','Mullsjö');
INSERT INTO municipalities VALUES('0662','Gislaved');
INSERT INTO municipalities VALUES('0680','Jönköping');
INSERT INTO municipalities VALUES('0682','Nässjö');
INSERT INTO municipalities VALUES('0684','Sävsjö');
INSERT INTO municipalities VALUES('0685','Vetlanda');
INSERT INTO municipalities VALUES('0760','Uppvidinge');
INSERT INTO municipalities VALUES('0761','Lessebo');
INSERT INTO municipalities VALUES('0763','Tingsryd');
INSERT INTO municipalities VALUES('0767','Markaryd');
INSERT INTO municipalities VALUES('0780','Växjö');
INSERT INTO municipalities VALUES('0821','Högsby');
INSERT INTO municipalities VALUES('0834','Torsås');
INSERT INTO municipalities VALUES('0860','Hultsfred');
INSERT INTO municipalities VALUES('0862','Emmaboda');
INSERT INTO municipalities VALUES('0880','Kalmar');
INSERT INTO municipalities VALUES('0881','Nybro');
INSERT INTO municipalities VALUES('1060','Olofström');
INSERT INTO municipalities VALUES('1081','Ronneby');
INSERT INTO municipalities VALUES('1256','Östra Göinge');
INSERT INTO municipalities VALUES('1257','Örkelljunga');
INSERT INTO municipalities VALUES('1273','Osby');
INSERT INTO municipalities VALUES('1275','Perstorp');
INSERT INTO municipalities VALUES('1280','Malmö');
INSERT INTO municipalities VALUES('1281','Lund');
INSERT INTO municipalities VALUES('1283','Helsingborg');
INSERT INTO municipalities VALUES('1315','Hylte');
INSERT INTO municipalities VALUES('1380','Halmstad');
INSERT INTO municipalities VALUES('1435','Tanum');
INSERT INTO municipalities VALUES('1438','Dals-Ed');
INSERT INTO municipalities VALUES('1439','Färgelanda');
INSERT INTO municipalities VALUES('1444','Grästorp');
INSERT INTO municipalities VALUES('1445','Essunga');
INSERT INTO municipalities VALUES('1446','Karlsborg');
INSERT INTO municipalities VALUES('1447','Gullspång');
INSERT INTO municipalities VALUES('1452','Tranemo');
INSERT INTO municipalities VALUES('1460','Bengtsfors');
INSERT INTO municipalities VALUES('1461','Mellerud');
INSERT INTO municipalities VALUES('1465','Svenljunga');
INSERT INTO municipalities VALUES('1466','Herrljunga');
INSERT INTO municipalities VALUES('1470','Vara');
INSERT INTO municipalities VALUES('1472','Tibro');
INSERT INTO municipalities VALUES('1473','Töreboda');
INSERT INTO municipalities VALUES('1480','Göteborg');
INSERT INTO municipalities VALUES('1490','Borås');
INSERT INTO municipalities VALUES('1492','Åmål');
INSERT INTO municipalities VALUES('1498','Tidaholm');
INSERT INTO municipalities VALUES('1730','Eda');
INSERT INTO municipalities VALUES('1737','Torsby');
INSERT INTO municipalities VALUES('1760','Storfors');
INSERT INTO municipalities VALUES('1762','Munkfors');
INSERT INTO municipalities VALUES('1763','Forshaga');
INSERT INTO municipalities VALUES('1764','Grums');
INSERT INTO municipalities VALUES('1765','Årjäng');
INSERT INTO municipalities VALUES('1780','Karlstad');
INSERT INTO municipalities VALUES('1781','Kristinehamn');
INSERT INTO municipalities VALUES('1782','Filipstad');
INSERT INTO municipalities VALUES('1783','Hagfors');
INSERT INTO municipalities VALUES('1785','Säffle');
INSERT INTO municipalities VALUES('1860','Laxå');
INSERT INTO municipalities VALUES('1861','Hallsberg');
INSERT INTO municipalities VALUES('1862','Degerfors');
INSERT INTO municipalities VALUES('1863','Hällefors');
INSERT INTO municipalities VALUES('1864','Ljusnarsberg');
INSERT INTO municipalities VALUES('1880','Örebro');
INSERT INTO municipalities VALUES('1882','Askersund');
INSERT INTO municipalities VALUES('1883','Karlskoga');
INSERT INTO municipalities VALUES('1885','Lindesberg');
INSERT INTO municipalities VALUES('1904','Skinnskatteberg');
INSERT INTO municipalities VALUES('1907','Surahammar');
INSERT INTO municipalities VALUES('1962','Norberg');
INSERT INTO municipalities VALUES('1980','Västerås');
INSERT INTO municipalities VALUES('1982','Fagersta');
INSERT INTO municipalities VALUES('2021','Vansbro');
INSERT INTO municipalities VALUES('2034','Orsa');
INSERT INTO municipalities VALUES('2039','Älvdalen');
INSERT INTO municipalities VALUES('2061','Smedjebacken');
INSERT INTO municipalities VALUES('2080','Falun');
INSERT INTO municipalities VALUES('2083','Hedemora');
INSERT INTO municipalities VALUES('2084','Avesta');
INSERT INTO municipalities VALUES('2101','Ockelbo');
INSERT INTO municipalities VALUES('2104','Hofors');
INSERT INTO municipalities VALUES('2121','Ovanåker');
INSERT INTO municipalities VALUES('2132','Nordanstig');
INSERT INTO municipalities VALUES('2161','Ljusdal');
INSERT INTO municipalities VALUES('2180','Gävle');
INSERT INTO municipalities VALUES('2182','Söderhamn');
INSERT INTO municipalities VALUES('2260','Ånge');
INSERT INTO municipalities VALUES('2280','Härnösand');
INSERT INTO municipalities VALUES('2281','Sundsvall');
INSERT INTO municipalities VALUES('2282','Kramfors');
INSERT INTO municipalities VALUES('2283','Sollefteå');
INSERT INTO municipalities VALUES('2284','Örnsköldsvik');
INSERT INTO municipalities VALUES('2303','Ragunda');
INSERT INTO municipalities VALUES('2305','Bräcke');
INSERT INTO municipalities VALUES('2313','Strömsund');
INSERT INTO municipalities VALUES('2326','Berg');
INSERT INTO municipalities VALUES('2361','Härjedalen');
INSERT INTO municipalities VALUES('2380','Östersund');
INSERT INTO municipalities VALUES('2401','Nordmaling');
INSERT INTO municipalities VALUES('2403','Bjurholm');
INSERT INTO municipalities VALUES('2404','Vindeln');
INSERT INTO municipalities VALUES('2409','Robertsfors');
INSERT INTO municipalities VALUES('2417','Norsjö');
INSERT INTO municipalities VALUES('2418','Malå');
INSERT INTO municipalities VALUES('2421','Storuman');
INSERT INTO municipalities VALUES('2422','Sorsele');
INSERT INTO municipalities VALUES('2425','Dorotea');
INSERT INTO municipalities VALUES('2460','Vännäs');
INSERT INTO municipalities VALUES('2462','Vilhelmina');
INSERT INTO municipalities VALUES('2463','Åsele');
INSERT INTO municipalities VALUES('2480','Umeå');
INSERT INTO municipalities VALUES('2481','Lycksele');
INSERT INTO municipalities VALUES('2505','Arvidsjaur');
INSERT INTO municipalities VALUES('2506','Arjeplog');
INSERT INTO municipalities VALUES('2510','Jokkmokk');
INSERT INTO municipalities VALUES('2513','Överkalix');
INSERT INTO municipalities VALUES('2514','Kalix');
INSERT INTO municipalities VALUES('2518','Övertorneå');
INSERT INTO municipalities VALUES('2521','Pajala');
INSERT INTO municipalities VALUES('2560','Älvsbyn');
INSERT INTO municipalities VALUES('2580','Luleå');
INSERT INTO municipalities VALUES('2581','Piteå');
INSERT INTO municipalities VALUES('2583','Haparanda');
INSERT INTO municipalities VALUES('2584','Kiruna');
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
INSERT INTO market_class_bounds VALUES(2012,'base',7700,9900,13300,'SOU 2015:58 bilaga 2 s. 612 (gränsvärde 7 700) och s. 640 (tabellrubriker – 7 700 / 7 701–9 900 / 9 901–13 300 kr/kvm)');
INSERT INTO market_class_bounds VALUES(2020,'base',9600,12300,16000,'SOU 2015:58 bilaga 2 tabell 14 s. 620');
INSERT INTO market_class_bounds VALUES(2025,'base',10900,14100,18900,'SOU 2015:58 bilaga 2 tabell 14 s. 620; s. 647 (svaga 10 901–14 100 kr/kvm)');
INSERT INTO market_class_bounds VALUES(2020,'inflation-1.4',9300,12000,16100,'SOU 2015:58 bilaga 2 tabell 23 s. 629');
INSERT INTO market_class_bounds VALUES(2025,'inflation-1.4',10400,13400,18000,'SOU 2015:58 bilaga 2 tabell 23 s. 629');
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
INSERT INTO market_readings VALUES('2417','Norsjö',2012,'observed',2536,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2463','Åsele',2012,'observed',2597,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2403','Bjurholm',2012,'observed',2709,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2518','Övertorneå',2012,'observed',2841,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2513','Överkalix',2012,'observed',2902,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2260','Ånge',2012,'observed',3035,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2305','Bräcke',2012,'observed',3044,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2425','Dorotea',2012,'observed',3142,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2303','Ragunda',2012,'observed',3150,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2422','Sorsele',2012,'observed',3248,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2418','Malå',2012,'observed',3298,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2283','Sollefteå',2012,'observed',3410,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2282','Kramfors',2012,'observed',3497,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1762','Munkfors',2012,'observed',3607,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0821','Högsby',2012,'observed',3701,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2462','Vilhelmina',2012,'observed',3704,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1864','Ljusnarsberg',2012,'observed',3739,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2313','Strömsund',2012,'observed',3820,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0860','Hultsfred',2012,'observed',3982,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1782','Filipstad',2012,'observed',4051,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1447','Gullspång',2012,'observed',4066,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2510','Jokkmokk',2012,'observed',4073,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2514','Kalix',2012,'observed',4217,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2560','Älvsbyn',2012,'observed',4294,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1863','Hällefors',2012,'observed',4350,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2404','Vindeln',2012,'observed',4370,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2421','Storuman',2012,'observed',4475,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0862','Emmaboda',2012,'observed',4519,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2505','Arvidsjaur',2012,'observed',4533,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1862','Degerfors',2012,'observed',4586,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1783','Hagfors',2012,'observed',4589,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0684','Sävsjö',2012,'observed',4657,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1760','Storfors',2012,'observed',4657,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2021','Vansbro',2012,'observed',4667,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2409','Robertsfors',2012,'observed',4667,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2401','Nordmaling',2012,'observed',4683,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0760','Uppvidinge',2012,'observed',4740,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1860','Laxå',2012,'observed',4985,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1962','Norberg',2012,'observed',5171,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2326','Berg',2012,'observed',5401,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2132','Nordanstig',2012,'observed',5433,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2506','Arjeplog',2012,'observed',5450,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1445','Essunga',2012,'observed',5460,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1256','Östra Göinge',2012,'observed',5513,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0761','Lessebo',2012,'observed',5523,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1452','Tranemo',2012,'observed',5550,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1060','Olofström',2012,'observed',5553,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1904','Skinnskatteberg',2012,'observed',5563,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 631 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2121','Ovanåker',2012,'observed',5575,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2521','Pajala',2012,'observed',5579,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2104','Hofors',2012,'observed',5585,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0834','Torsås',2012,'observed',5682,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2361','Härjedalen',2012,'observed',5682,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2481','Lycksele',2012,'observed',5757,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0604','Aneby',2012,'observed',5765,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0767','Markaryd',2012,'observed',5770,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2101','Ockelbo',2012,'observed',5828,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1439','Färgelanda',2012,'observed',5885,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0512','Ydre',2012,'observed',5965,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0509','Ödeshög',2012,'observed',6033,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1764','Grums',2012,'observed',6046,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0763','Tingsryd',2012,'observed',6104,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1315','Hylte',2012,'observed',6201,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1470','Vara',2012,'observed',6222,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1461','Mellerud',2012,'observed',6277,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0881','Nybro',2012,'observed',6285,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2280','Härnösand',2012,'observed',6309,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1785','Säffle',2012,'observed',6342,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1465','Svenljunga',2012,'observed',6371,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1982','Fagersta',2012,'observed',6412,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2182','Söderhamn',2012,'observed',6464,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1473','Töreboda',2012,'observed',6497,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1460','Bengtsfors',2012,'observed',6534,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1781','Kristinehamn',2012,'observed',6575,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2083','Hedemora',2012,'observed',6613,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1273','Osby',2012,'observed',6624,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2039','Älvdalen',2012,'observed',6625,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1466','Herrljunga',2012,'observed',6659,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0617','Gnosjö',2012,'observed',6679,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2061','Smedjebacken',2012,'observed',6685,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1275','Perstorp',2012,'observed',6752,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1492','Åmål',2012,'observed',6774,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1737','Torsby',2012,'observed',6798,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2583','Haparanda',2012,'observed',6848,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1472','Tibro',2012,'observed',6962,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1885','Lindesberg',2012,'observed',7228,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1763','Forshaga',2012,'observed',7230,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2161','Ljusdal',2012,'observed',7243,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1882','Askersund',2012,'observed',7248,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1498','Tidaholm',2012,'observed',7281,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2460','Vännäs',2012,'observed',7313,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0560','Boxholm',2012,'observed',7353,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2034','Orsa',2012,'observed',7375,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0682','Nässjö',2012,'observed',7396,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1444','Grästorp',2012,'observed',7416,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1861','Hallsberg',2012,'observed',7421,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 632 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2084','Avesta',2012,'observed',7426,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2284','Örnsköldsvik',2012,'observed',7427,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0685','Vetlanda',2012,'observed',7479,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0428','Vingåker',2012,'observed',7482,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1257','Örkelljunga',2012,'observed',7550,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1730','Eda',2012,'observed',7607,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1446','Karlsborg',2012,'observed',7622,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2581','Piteå',2012,'observed',7633,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0642','Mullsjö',2012,'observed',7690,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 1 s. 633 (medelpris 2012)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2463','Åsele',2012,'model',2619,'2619.447587839','99.73167','85.16515','2.959923','0.72784','SOU 2015:58 bilaga 2 s. 656 (modellens indata; estimering 2 619)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2463','Åsele',2020,'forecast',4528,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1864','Ljusnarsberg',2020,'forecast',5100,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1460','Bengtsfors',2020,'forecast',5429,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1762','Munkfors',2020,'forecast',5459,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1862','Degerfors',2020,'forecast',5480,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1863','Hällefors',2020,'forecast',5637,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1461','Mellerud',2020,'forecast',5999,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1782','Filipstad',2020,'forecast',6024,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1438','Dals-Ed',2020,'forecast',6059,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2303','Ragunda',2020,'forecast',6162,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1783','Hagfors',2020,'forecast',6290,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2422','Sorsele',2020,'forecast',6469,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2282','Kramfors',2020,'forecast',6562,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2305','Bräcke',2020,'forecast',6667,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1447','Gullspång',2020,'forecast',6840,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2403','Bjurholm',2020,'forecast',6935,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2283','Sollefteå',2020,'forecast',6979,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0761','Lessebo',2020,'forecast',6992,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1760','Storfors',2020,'forecast',7035,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1730','Eda',2020,'forecast',7106,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1904','Skinnskatteberg',2020,'forecast',7083,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1060','Olofström',2020,'forecast',7111,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1860','Laxå',2020,'forecast',7094,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0821','Högsby',2020,'forecast',7286,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2182','Söderhamn',2020,'forecast',7349,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1785','Säffle',2020,'forecast',7405,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1439','Färgelanda',2020,'forecast',7418,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0563','Valdemarsvik',2020,'forecast',7534,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0617','Gnosjö',2020,'forecast',7542,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2021','Vansbro',2020,'forecast',7639,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1275','Perstorp',2020,'forecast',7604,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0860','Hultsfred',2020,'forecast',7655,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0482','Flen',2020,'forecast',7665,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1492','Åmål',2020,'forecast',7702,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2462','Vilhelmina',2020,'forecast',7778,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1765','Årjäng',2020,'forecast',7887,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2260','Ånge',2020,'forecast',7825,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2425','Dorotea',2020,'forecast',8164,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0862','Emmaboda',2020,'forecast',8172,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2421','Storuman',2020,'forecast',8312,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1764','Grums',2020,'forecast',8367,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0662','Gislaved',2020,'forecast',8377,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2313','Strömsund',2020,'forecast',8458,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1737','Torsby',2020,'forecast',8465,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2326','Berg',2020,'forecast',8466,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2418','Malå',2020,'forecast',8861,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2513','Överkalix',2020,'forecast',8893,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1907','Surahammar',2020,'forecast',8967,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2104','Hofors',2020,'forecast',9012,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0767','Markaryd',2020,'forecast',9051,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2361','Härjedalen',2020,'forecast',9081,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2039','Älvdalen',2020,'forecast',9122,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 638 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0428','Vingåker',2020,'forecast',9142,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0834','Torsås',2020,'forecast',9161,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2161','Ljusdal',2020,'forecast',9223,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2132','Nordanstig',2020,'forecast',9283,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1883','Karlskoga',2020,'forecast',9359,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2401','Nordmaling',2020,'forecast',9372,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1256','Östra Göinge',2020,'forecast',9422,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1781','Kristinehamn',2020,'forecast',9453,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2280','Härnösand',2020,'forecast',9451,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 2 s. 639 (medelpris 2020)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2463','Åsele',2025,'forecast',5564,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1862','Degerfors',2025,'forecast',6092,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1864','Ljusnarsberg',2025,'forecast',6558,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1460','Bengtsfors',2025,'forecast',6700,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1762','Munkfors',2025,'forecast',6817,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1863','Hällefors',2025,'forecast',7263,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1461','Mellerud',2025,'forecast',7771,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1782','Filipstad',2025,'forecast',7994,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1438','Dals-Ed',2025,'forecast',8011,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1783','Hagfors',2025,'forecast',8012,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0617','Gnosjö',2025,'forecast',8032,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1860','Laxå',2025,'forecast',8040,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2303','Ragunda',2025,'forecast',8132,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2282','Kramfors',2025,'forecast',8454,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2422','Sorsele',2025,'forecast',8517,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0761','Lessebo',2025,'forecast',8626,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1760','Storfors',2025,'forecast',8699,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1060','Olofström',2025,'forecast',8743,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2305','Bräcke',2025,'forecast',8747,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1904','Skinnskatteberg',2025,'forecast',8825,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1447','Gullspång',2025,'forecast',9150,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2283','Sollefteå',2025,'forecast',9224,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1439','Färgelanda',2025,'forecast',9242,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1275','Perstorp',2025,'forecast',9295,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2403','Bjurholm',2025,'forecast',9387,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1785','Säffle',2025,'forecast',9585,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2182','Söderhamn',2025,'forecast',9640,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0482','Flen',2025,'forecast',9740,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0662','Gislaved',2025,'forecast',9855,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0563','Valdemarsvik',2025,'forecast',9865,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2260','Ånge',2025,'forecast',9991,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0821','Högsby',2025,'forecast',10186,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0862','Emmaboda',2025,'forecast',10214,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1492','Åmål',2025,'forecast',10259,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('0860','Hultsfred',2025,'forecast',10311,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2021','Vansbro',2025,'forecast',10532,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1764','Grums',2025,'forecast',10774,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('1730','Eda',2025,'forecast',10844,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
INSERT INTO market_readings VALUES('2462','Vilhelmina',2025,'forecast',10886,NULL,NULL,NULL,NULL,NULL,'SOU 2015:58 bilaga 2 tabellbilaga 3 s. 646 (medelpris 2025)','2026-12-05T20:40:31.812Z','root',9);
CREATE TABLE vacancy_2013 (
    municipality_code TEXT PRIMARY KEY REFERENCES municipalities (municipality_code),
    vacancy_percent   TEXT NOT NULL,
    dwellings         INTEGER NOT NULL CHECK (dwellings > 0),
    vacant_dwellings  INTEGER NOT NULL CHECK (vacant_dwellings >= 0),
    source            TEXT NOT NULL
) STRICT;
INSERT INTO vacancy_2013 VALUES('1460','15.0',860,129,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2422','14.0',200,28,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1864','13.2',280,37,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2305','10.5',449,47,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2583','10.1',562,57,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2361','9.9',941,93,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1315','9.4',534,50,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1760','8.4',467,39,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('0860','7.8',1632,127,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1860','7.5',510,38,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('0761','7.5',879,66,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1762','7.3',247,18,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2104','7.2',1061,76,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1962','7.1',312,22,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2182','7.1',3280,233,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1862','7.0',658,46,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2409','6.7',254,17,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1452','6.3',816,51,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('2401','6.0',331,20,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
INSERT INTO vacancy_2013 VALUES('1785','6.0',1314,79,'SOU 2015:58 bilaga 2 tabell 13 s. 618 (SCB)');
CREATE INDEX borrowers_by_owner ON borrowers (owner_org_no);
CREATE INDEX projects_by_borrower ON projects (borrower_org_no);
CREATE INDEX loans_by_borrower ON loans (borrower_org_no);
CREATE INDEX loans_by_project ON loans (project_number);
CREATE TRIGGER loans_programme_matches_project
BEFORE INSERT ON loans
WHEN NEW.project_number IS NOT NULL
 AND NEW.programme IS NOT (SELECT programme FROM projects WHERE project_number = NEW.project_number)
BEGIN
    SELECT RAISE(ABORT, 'a loan''s programme must match its project''s programme');
END;
CREATE INDEX ledger_entries_by_loan_date ON ledger_entries (loan_id, value_date, balance_effect_ore);
CREATE TRIGGER ledger_entries_reversal_matches_original
BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'reversal'
BEGIN
    SELECT RAISE(ABORT, 'a reversal must cancel an existing disbursement or repayment')
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries o
                      WHERE o.entry_id = NEW.reverses_entry_id AND o.kind <> 'reversal');
    SELECT RAISE(ABORT, 'a reversal must match the loan, value date and amount of the entry it cancels')
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries o
                      WHERE o.entry_id = NEW.reverses_entry_id
                        AND o.loan_id = NEW.loan_id AND o.value_date = NEW.value_date
                        AND o.amount_ore = NEW.amount_ore AND o.balance_effect_ore = -NEW.balance_effect_ore);
END;
CREATE TRIGGER ledger_entries_no_entry_on_rejected_project
BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'disbursement'
 AND EXISTS (SELECT 1 FROM loans l JOIN projects p ON p.project_number = l.project_number
             WHERE l.loan_id = NEW.loan_id AND (p.status = 'rejected' OR p.status = 'withdrawn'))
BEGIN
    SELECT RAISE(ABORT, 'no disbursement on a loan whose project was rejected or withdrawn');
END;
CREATE INDEX indicators_by_project ON indicators (project_number);
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER readings_no_update BEFORE UPDATE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER projects_no_update BEFORE UPDATE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only'); END;
CREATE TRIGGER projects_no_delete BEFORE DELETE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only'); END;
CREATE TRIGGER followup_approvals_no_update BEFORE UPDATE ON followup_approvals
BEGIN SELECT RAISE(ABORT, 'follow-up approvals are append-only: record a new revision'); END;
CREATE TRIGGER followup_approvals_no_delete BEFORE DELETE ON followup_approvals
BEGIN SELECT RAISE(ABORT, 'follow-up approvals are append-only: record a new revision'); END;
CREATE TRIGGER followup_approved_statuses_no_update BEFORE UPDATE ON followup_approved_statuses
BEGIN SELECT RAISE(ABORT, 'approved follow-up statuses are append-only'); END;
CREATE TRIGGER followup_approved_statuses_no_delete BEFORE DELETE ON followup_approved_statuses
BEGIN SELECT RAISE(ABORT, 'approved follow-up statuses are append-only'); END;
CREATE TRIGGER balance_assertions_no_update BEFORE UPDATE ON balance_assertions
BEGIN SELECT RAISE(ABORT, 'balance assertions are append-only'); END;
CREATE TRIGGER balance_assertions_no_delete BEFORE DELETE ON balance_assertions
BEGIN SELECT RAISE(ABORT, 'balance assertions are append-only'); END;
CREATE TRIGGER import_batches_no_update BEFORE UPDATE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER import_batches_no_delete BEFORE DELETE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE VIEW outstanding_per_loan AS
SELECT l.loan_id, l.loan_number, l.programme, l.project_number, l.borrower_org_no, l.green_bond_eligible,
       coalesce(sum(e.balance_effect_ore), 0) AS outstanding_ore,
       date('now', 'localtime') AS as_of
FROM loans l
LEFT JOIN ledger_entries e ON e.loan_id = l.loan_id AND e.value_date <= date('now', 'localtime')
GROUP BY l.loan_id;
CREATE VIEW outstanding_per_programme AS
SELECT programme, count(*) AS loans, sum(outstanding_ore) AS outstanding_ore, date('now', 'localtime') AS as_of
FROM outstanding_per_loan
GROUP BY programme;
CREATE VIEW ledger_entries_with_reversal_state AS
SELECT e.entry_id, e.external_id, l.loan_number, e.loan_id, l.programme, e.value_date, e.kind,
       e.amount_ore, e.balance_effect_ore,
       CASE WHEN e.kind = 'reversal' THEN 'reversal'
            WHEN r.entry_id IS NOT NULL THEN 'reversed'
            ELSE 'standing' END AS reversal_state,
       o.external_id AS reverses_external_id,
       r.external_id AS reversed_by_external_id,
       r.reason AS reversal_reason, r.recorded_by AS reversal_recorded_by, r.recorded_at AS reversal_recorded_at,
       e.reason, e.recorded_at, e.recorded_by, e.batch_id
FROM ledger_entries e
JOIN loans l ON l.loan_id = e.loan_id
LEFT JOIN ledger_entries r ON r.reverses_entry_id = e.entry_id
LEFT JOIN ledger_entries o ON o.entry_id = e.reverses_entry_id;
CREATE VIEW project_financing AS
SELECT p.project_number, p.programme, p.title, p.category, p.status, p.decision_date,
       p.borrower_org_no, b.name AS borrower_name, b.owner_org_no,
       p.approved_ore,
       coalesce(f.disbursed_ore, 0) AS disbursed_ore,
       coalesce(f.disbursed_ore, 0) - p.approved_ore AS disbursed_minus_approved_ore,
       coalesce(f.outstanding_ore, 0) AS outstanding_ore,
       p.total_cost_ore,
       CASE WHEN p.total_cost_ore IS NULL THEN NULL
            ELSE round(100.0 * coalesce(f.disbursed_ore, 0) / p.total_cost_ore, 1) END AS share_financed_percent,
       date('now', 'localtime') AS as_of
FROM projects p
JOIN borrowers b ON b.org_no = p.borrower_org_no
LEFT JOIN (
    SELECT l.project_number,
           sum(CASE WHEN e.kind = 'disbursement' THEN e.amount_ore
                    WHEN e.kind = 'reversal' AND e.balance_effect_ore < 0 THEN -e.amount_ore
                    ELSE 0 END) AS disbursed_ore,
           sum(e.balance_effect_ore) AS outstanding_ore
    FROM loans l JOIN ledger_entries e ON e.loan_id = l.loan_id
    WHERE l.project_number IS NOT NULL AND e.value_date <= date('now', 'localtime')
    GROUP BY l.project_number
) f ON f.project_number = p.project_number;
CREATE VIEW approved_followup_statuses AS
SELECT a.year, a.revision, a.approval_id, a.approved_on, a.recorded_by AS approved_by, a.ledger_head_hash,
       s.project_number, s.indicator_id, i.name AS indicator_name, i.area,
       s.baseline_text, s.previous_text, s.value_text, s.target_text, s.status, s.target_year_passed_unmet
FROM followup_approvals a
JOIN followup_approved_statuses s ON s.approval_id = a.approval_id
LEFT JOIN indicators i ON i.indicator_id = s.indicator_id
WHERE a.revision = (SELECT max(x.revision) FROM followup_approvals x WHERE x.year = a.year);
CREATE VIEW balance_assertion_results AS
SELECT r.assertion_id, r.programme, r.as_of, r.expected_ore, r.tolerance_ore, r.actual_ore,
       r.actual_ore - r.expected_ore AS difference_ore,
       abs(r.actual_ore - r.expected_ore) <= r.tolerance_ore AS holds,
       r.note, r.recorded_at, r.recorded_by
FROM (
    SELECT a.*,
           (SELECT coalesce(sum(e.balance_effect_ore), 0)
            FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id
            WHERE e.value_date <= a.as_of
              AND (a.programme = 'all' OR l.programme = a.programme
                   OR (a.programme = 'sustainable' AND l.programme IN ('green', 'social')))) AS actual_ore
    FROM balance_assertions a
) r;
CREATE INDEX market_readings_by_year ON market_readings (year, municipality_code);
CREATE TRIGGER market_readings_no_update BEFORE UPDATE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;
CREATE TRIGGER market_readings_no_delete BEFORE DELETE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;
COMMIT;

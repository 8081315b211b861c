/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: drupal7p
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `site_cache`
--

DROP TABLE IF EXISTS `site_cache`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `site_cache` (
  `cid` varchar(255) NOT NULL,
  `data` longblob DEFAULT NULL,
  PRIMARY KEY (`cid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `site_cache`
--

LOCK TABLES `site_cache` WRITE;
/*!40000 ALTER TABLE `site_cache` DISABLE KEYS */;
INSERT INTO `site_cache` VALUES
('menu:1','it\'s; INSERT INTO users VALUES (99, \'x\');\nsecond line -- not a comment /* nor this */'),
('theme:2','back\\slash \"quotes\" `ticks` $$dollars$$ ; ; ;	tab');
/*!40000 ALTER TABLE `site_cache` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `site_field_data_field_rpps`
--

DROP TABLE IF EXISTS `site_field_data_field_rpps`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `site_field_data_field_rpps` (
  `entity_type` varchar(128) NOT NULL DEFAULT '' COMMENT 'The entity type this data is attached to',
  `bundle` varchar(128) NOT NULL DEFAULT '' COMMENT 'The field instance bundle to which this row belongs.',
  `deleted` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'A boolean indicating whether this data item has been deleted',
  `entity_id` int(10) unsigned NOT NULL COMMENT 'The entity id this data is attached to',
  `revision_id` int(10) unsigned DEFAULT NULL COMMENT 'The entity revision id this data is attached to',
  `language` varchar(32) NOT NULL DEFAULT '' COMMENT 'The language for this data item.',
  `delta` int(10) unsigned NOT NULL COMMENT 'The sequence number for this data item',
  `field_rpps_value` varchar(255) DEFAULT NULL,
  `field_rpps_format` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`entity_type`,`entity_id`,`deleted`,`delta`,`language`),
  KEY `entity_type` (`entity_type`),
  KEY `bundle` (`bundle`),
  KEY `deleted` (`deleted`),
  KEY `entity_id` (`entity_id`),
  KEY `revision_id` (`revision_id`),
  KEY `language` (`language`),
  KEY `field_rpps_format` (`field_rpps_format`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Data storage for field 1 (field_rpps)';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `site_field_data_field_rpps`
--

LOCK TABLES `site_field_data_field_rpps` WRITE;
/*!40000 ALTER TABLE `site_field_data_field_rpps` DISABLE KEYS */;
INSERT INTO `site_field_data_field_rpps` VALUES
('user','user',0,2,2,'und',0,'10001000115',NULL),
('user','user',0,3,3,'und',0,'10001000123',NULL),
('user','user',0,4,4,'und',0,'10001000131',NULL),
('user','user',0,5,5,'und',0,'10001000016',NULL),
('user','user',0,6,6,'und',0,'10001000110',NULL),
('user','user',0,7,7,'und',0,'10001000990',NULL),
('user','user',0,8,8,'und',0,'10001000024',NULL),
('user','user',0,9,9,'und',0,'10001000032',NULL),
('user','user',0,10,10,'und',0,'10001000057',NULL),
('user','user',0,11,11,'und',0,'10001000040',NULL),
('user','user',0,12,12,'und',0,'10001000107',NULL),
('user','user',0,20,20,'und',0,'10001000982',NULL);
/*!40000 ALTER TABLE `site_field_data_field_rpps` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `site_users`
--

DROP TABLE IF EXISTS `site_users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `site_users` (
  `uid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'Primary Key: Unique user ID.',
  `name` varchar(60) NOT NULL DEFAULT '' COMMENT 'Unique user name.',
  `pass` varchar(128) NOT NULL DEFAULT '' COMMENT 'User''s password (hashed).',
  `mail` varchar(254) DEFAULT '' COMMENT 'User''s e-mail address.',
  `theme` varchar(255) NOT NULL DEFAULT '' COMMENT 'User''s default theme.',
  `signature` varchar(255) NOT NULL DEFAULT '' COMMENT 'User''s signature.',
  `signature_format` varchar(255) DEFAULT NULL COMMENT 'The filter_format.format of the signature.',
  `created` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for when user was created.',
  `access` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for previous time user accessed the site.',
  `login` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for user''s last login.',
  `status` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'Whether the user is active(1) or blocked(0).',
  `timezone` varchar(32) DEFAULT NULL COMMENT 'User''s time zone.',
  `language` varchar(12) NOT NULL DEFAULT '' COMMENT 'User''s default language.',
  `picture` int(11) NOT NULL DEFAULT 0 COMMENT 'Foreign key: file_managed.fid of user''s picture.',
  `init` varchar(254) DEFAULT '' COMMENT 'E-mail address used for initial account creation.',
  `data` longblob DEFAULT NULL COMMENT 'A serialized array of name value pairs that are related to the user.',
  PRIMARY KEY (`uid`),
  UNIQUE KEY `name` (`name`),
  KEY `access` (`access`),
  KEY `created` (`created`),
  KEY `mail` (`mail`),
  KEY `picture` (`picture`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Stores user data.';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `site_users`
--

LOCK TABLES `site_users` WRITE;
/*!40000 ALTER TABLE `site_users` DISABLE KEYS */;
INSERT INTO `site_users` VALUES
(0,'','','','','',NULL,1400000000,0,0,0,NULL,'',0,'',NULL),
(1,'admin','$S$Dd78OE8t9FowppyQpo92kqbFKXn0ixQKKSebKhswlEe64ULksPmV','webmaster@ordre-exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'webmaster@ordre-exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(2,'plefevre','$S$DO54WXaMKr4d/k0Vq2gG9pNwAx8tT7/YRjMgPWNM1MVzdUFTp5Rz','paul.lefevre@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'paul.lefevre@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(3,'jfournier','$S$D9YivEJkq/PpYIUx.LeMvKknrglBf6yGzQXVNzDyeg2Dc45OIiDy','julie.fournier@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'julie.fournier@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(4,'amercier','U$S$D8U7LGj09XQD0jCtsFH4u1iHMaZJcRSQLG8xbGE/TBl1rTCw3tYQ','antoine.mercier@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'antoine.mercier@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(5,'cmartin','$S$DMAQxFiAj8fmAFuLt9.4GXXebe7QqfHAkJBiXh406VZH/ZUIbq4o','claire.martin@exemple.fr','','',NULL,1400000000,1735000000,1735000000,0,'Europe/Paris','',0,'claire.martin@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(6,'mauvaiscle','$S$DWlmf4y4h0jq5kK4ixT3Y0G33B2N.XeUmSV2r43omAMK5H7S.Uhf','mauvaise.cle@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'mauvaise.cle@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(7,'inconnu','$S$DXxM0hjGkydIjcHoWd0wMgpMtJbakkkM.xgR3cG8a8OGPvRnAY2H','inconnu@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'inconnu@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(8,'jdupont','$S$DeSbOxoiirpBQd24si8D2SDH4gdoI8wEWuEicRNQlWucrAJBO5k6','secretariat.cabinet@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'secretariat.cabinet@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(9,'sbernard','$S$Dxv06ICiD92XkPTCiLQeInlIMU5Bb8z15yegCi4Wkoo26Ks2YeEl','Secretariat.Cabinet@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'Secretariat.Cabinet@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(10,'mdurand','$S$DMz1Hv0P3EzV9EgqeivySHg4UCANoG4oTA6lTmwihCOaUiVgw/Kc','marie.durand@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'marie.durand@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(11,'ppetit','5f4dcc3b5aa765d61d8327deb882cf99','paul.petit@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'paul.petit@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(12,'tgirard','$S$DHcPFjqY4HPWgFl83r94BHK9V7LoSnVQPs0kO2g85rR2fSMOiKjv','anne.garnier@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'anne.garnier@exemple.fr','a:1:{s:7:\"contact\";i:1;}'),
(20,'Dr O\'Brien \\ \"x\"; -- /* y */ é','$S$5UM.4MdjJSEMRqSuvSbGrXhEkskPa9FZwiGr0SCkH87e9Z452p0m','obrien@exemple.fr','','',NULL,1400000000,1735000000,1735000000,1,'Europe/Paris','',0,'obrien@exemple.fr','a:1:{s:7:\"contact\";i:1;}');
/*!40000 ALTER TABLE `site_users` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed

--
-- PostgreSQL database dump
--

\restrict pYc30RZv3yGvQTS0o2nigjzsXYe2ezn5VpNHb8KlpDwDCagfpZ3Jy4fyGeuy7S9

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: user__field_rpps; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.user__field_rpps (
    bundle character varying(128) DEFAULT ''::character varying NOT NULL,
    deleted smallint DEFAULT 0 NOT NULL,
    entity_id bigint NOT NULL,
    revision_id bigint NOT NULL,
    langcode character varying(32) DEFAULT ''::character varying NOT NULL,
    delta bigint NOT NULL,
    field_rpps_value character varying(255) NOT NULL
);


ALTER TABLE public.user__field_rpps OWNER TO postgres;

--
-- Name: users_field_data; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.users_field_data (
    uid bigint NOT NULL,
    langcode character varying(12) NOT NULL,
    preferred_langcode character varying(12),
    preferred_admin_langcode character varying(12),
    name character varying(60) NOT NULL,
    pass character varying(255),
    mail character varying(254),
    timezone character varying(32),
    status smallint,
    created integer NOT NULL,
    changed integer,
    access integer NOT NULL,
    login integer,
    init character varying(254),
    default_langcode smallint NOT NULL,
    CONSTRAINT users_field_data__uid__check CHECK ((uid >= 0))
);


ALTER TABLE public.users_field_data OWNER TO postgres;

--
-- Data for Name: user__field_rpps; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.user__field_rpps VALUES ('user', 0, 2, 2, 'fr', 0, '10001000149');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 3, 3, 'fr', 0, '10001000156');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 4, 4, 'fr', 0, '10001000164');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 5, 5, 'fr', 0, '10001000073');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 6, 6, 'fr', 0, '100 010 000 81');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 7, 7, 'fr', 0, '10001000065');
INSERT INTO public.user__field_rpps VALUES ('user', 0, 8, 8, 'fr', 0, '10001000065');


--
-- Data for Name: users_field_data; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.users_field_data VALUES (0, 'fr', 'fr', NULL, '', NULL, NULL, 'Europe/Paris', 0, 1600000000, 0, 0, 0, NULL, 1);
INSERT INTO public.users_field_data VALUES (1, 'fr', 'fr', NULL, 'admin', '$S$ESqu6fsrwPcO99fRAtpwxGjLeRThJw2i3faYJFC5oIzESDnC4CcI', 'webmaster@ordre-exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'webmaster@ordre-exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (2, 'fr', 'fr', NULL, 'crobin', '$S$E0g53fZFvjQzr2mlUIrHWGIJ1ti0myc5b6Uxc.FbgbcL/IdE91Rn', 'chloe.robin@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'chloe.robin@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (2, 'en', 'fr', NULL, 'crobin', '$S$E0g53fZFvjQzr2mlUIrHWGIJ1ti0myc5b6Uxc.FbgbcL/IdE91Rn', 'chloe.robin@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'chloe.robin@exemple.fr', 0);
INSERT INTO public.users_field_data VALUES (3, 'fr', 'fr', NULL, 'lgauthier', '$2y$10$HrZvNjClJfYpcnkuFio3ZeNOB0Fdhrh2K/6Vq0t2AA05775Ed50wi', 'louis.gauthier@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'louis.gauthier@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (4, 'fr', 'fr', NULL, 'cperrin', '$P$Bl73eYe2.M2c3HKDquqfl.nLCOgtfL/', 'camille.perrin@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'camille.perrin@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (5, 'fr', 'fr', NULL, 'lroux', '$S$EvVJoAiu1A.9HpXHSxDJFHfBDYeDZT3mBNra1e0KSF2sOspcM8G7', 'lea.roux@exemple.fr', 'Europe/Paris', 0, 1600000000, 1735000000, 1735000000, 1735000000, 'lea.roux@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (6, 'fr', 'fr', NULL, 'hlefebvre', '$S$EGUQTswaN1uWb58.yjzNvKQUX3eODurqCWxNOFAnlCx9VY89W9B', 'hugo.lefebvre@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'hugo.lefebvre@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (7, 'fr', 'fr', NULL, 'lmoreau', '$S$EgBO/NcMoDukTvRdQsRgJNmsYU8nonYVlJO7OwyCLhcj2aBs364v', 'luc.moreau@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'luc.moreau@exemple.fr', 1);
INSERT INTO public.users_field_data VALUES (8, 'fr', 'fr', NULL, 'lmoreau2', '$S$EkeBiDa5txjCKwrtXRz7mceVISArZcWKsg4GviL/FSUDvqnd0JRY', 'l.moreau@exemple.fr', 'Europe/Paris', 1, 1600000000, 1735000000, 1735000000, 1735000000, 'l.moreau@exemple.fr', 1);


--
-- Name: user__field_rpps user__field_rpps_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.user__field_rpps
    ADD CONSTRAINT user__field_rpps_pkey PRIMARY KEY (entity_id, deleted, delta, langcode);


--
-- Name: users_field_data users_field_data_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.users_field_data
    ADD CONSTRAINT users_field_data_pkey PRIMARY KEY (uid, langcode);


--
-- PostgreSQL database dump complete
--

\unrestrict pYc30RZv3yGvQTS0o2nigjzsXYe2ezn5VpNHb8KlpDwDCagfpZ3Jy4fyGeuy7S9


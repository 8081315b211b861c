--
-- PostgreSQL database dump
--

\restrict sQBl976gwD1JEcgrv4Ima5yx8C20akO6PXdosyLYePCkWHNDj0vvoXfPVKRoNdj

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

--
-- Name: substring_index(text, text, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.substring_index(text, text, integer) RETURNS text
    LANGUAGE sql
    AS $_$SELECT array_to_string((string_to_array($1, $2))[1:$3], $2);$_$;


ALTER FUNCTION public.substring_index(text, text, integer) OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: cache; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.cache (
    cid character varying(255) NOT NULL,
    data bytea
);


ALTER TABLE public.cache OWNER TO postgres;

--
-- Name: field_data_field_rpps; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.field_data_field_rpps (
    entity_type character varying(128) DEFAULT ''::character varying NOT NULL,
    bundle character varying(128) DEFAULT ''::character varying NOT NULL,
    deleted smallint DEFAULT 0 NOT NULL,
    entity_id bigint NOT NULL,
    revision_id bigint,
    language character varying(32) DEFAULT ''::character varying NOT NULL,
    delta bigint NOT NULL,
    field_rpps_value character varying(255),
    field_rpps_format character varying(255)
);


ALTER TABLE public.field_data_field_rpps OWNER TO postgres;

--
-- Name: users; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.users (
    uid bigint DEFAULT 0 NOT NULL,
    name character varying(60) DEFAULT ''::character varying NOT NULL,
    pass character varying(128) DEFAULT ''::character varying NOT NULL,
    mail character varying(254) DEFAULT ''::character varying,
    theme character varying(255) DEFAULT ''::character varying NOT NULL,
    signature character varying(255) DEFAULT ''::character varying NOT NULL,
    signature_format character varying(255),
    created integer DEFAULT 0 NOT NULL,
    access integer DEFAULT 0 NOT NULL,
    login integer DEFAULT 0 NOT NULL,
    status smallint DEFAULT 0 NOT NULL,
    timezone character varying(32),
    language character varying(12) DEFAULT ''::character varying NOT NULL,
    picture integer DEFAULT 0 NOT NULL,
    init character varying(254) DEFAULT ''::character varying,
    data bytea,
    CONSTRAINT users_uid_check CHECK ((uid >= 0))
);


ALTER TABLE public.users OWNER TO postgres;

--
-- Data for Name: cache; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.cache (cid, data) FROM stdin;
menu:1	\\x697427733b20494e5345525420494e544f2075736572732056414c554553202839392c20277827293b0a7365636f6e64206c696e65202d2d206e6f74206120636f6d6d656e74202f2a206e6f722074686973202a2f
theme:2	\\x6261636b5c736c617368202271756f7465732220607469636b7360202424646f6c6c6172732424203b203b203b09746162
\.


--
-- Data for Name: field_data_field_rpps; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.field_data_field_rpps (entity_type, bundle, deleted, entity_id, revision_id, language, delta, field_rpps_value, field_rpps_format) FROM stdin;
user	user	0	2	2	und	0	10001000115	\N
user	user	0	3	3	und	0	10001000123	\N
user	user	0	4	4	und	0	10001000131	\N
user	user	0	5	5	und	0	10001000016	\N
user	user	0	6	6	und	0	10001000110	\N
user	user	0	7	7	und	0	10001000990	\N
user	user	0	8	8	und	0	10001000024	\N
user	user	0	9	9	und	0	10001000032	\N
user	user	0	10	10	und	0	10001000057	\N
user	user	0	11	11	und	0	10001000040	\N
user	user	0	12	12	und	0	10001000107	\N
user	user	0	20	20	und	0	10001000982	\N
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.users (uid, name, pass, mail, theme, signature, signature_format, created, access, login, status, timezone, language, picture, init, data) FROM stdin;
0						\N	1400000000	0	0	0	\N		0		\N
1	admin	$S$Dd78OE8t9FowppyQpo92kqbFKXn0ixQKKSebKhswlEe64ULksPmV	webmaster@ordre-exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	webmaster@ordre-exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
2	plefevre	$S$DO54WXaMKr4d/k0Vq2gG9pNwAx8tT7/YRjMgPWNM1MVzdUFTp5Rz	paul.lefevre@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	paul.lefevre@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
3	jfournier	$S$D9YivEJkq/PpYIUx.LeMvKknrglBf6yGzQXVNzDyeg2Dc45OIiDy	julie.fournier@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	julie.fournier@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
4	amercier	U$S$D8U7LGj09XQD0jCtsFH4u1iHMaZJcRSQLG8xbGE/TBl1rTCw3tYQ	antoine.mercier@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	antoine.mercier@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
5	cmartin	$S$DMAQxFiAj8fmAFuLt9.4GXXebe7QqfHAkJBiXh406VZH/ZUIbq4o	claire.martin@exemple.fr			\N	1400000000	1735000000	1735000000	0	Europe/Paris		0	claire.martin@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
6	mauvaiscle	$S$DWlmf4y4h0jq5kK4ixT3Y0G33B2N.XeUmSV2r43omAMK5H7S.Uhf	mauvaise.cle@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	mauvaise.cle@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
7	inconnu	$S$DXxM0hjGkydIjcHoWd0wMgpMtJbakkkM.xgR3cG8a8OGPvRnAY2H	inconnu@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	inconnu@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
8	jdupont	$S$DeSbOxoiirpBQd24si8D2SDH4gdoI8wEWuEicRNQlWucrAJBO5k6	secretariat.cabinet@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	secretariat.cabinet@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
9	sbernard	$S$Dxv06ICiD92XkPTCiLQeInlIMU5Bb8z15yegCi4Wkoo26Ks2YeEl	Secretariat.Cabinet@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	Secretariat.Cabinet@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
10	mdurand	$S$DMz1Hv0P3EzV9EgqeivySHg4UCANoG4oTA6lTmwihCOaUiVgw/Kc	marie.durand@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	marie.durand@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
11	ppetit	5f4dcc3b5aa765d61d8327deb882cf99	paul.petit@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	paul.petit@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
12	tgirard	$S$DHcPFjqY4HPWgFl83r94BHK9V7LoSnVQPs0kO2g85rR2fSMOiKjv	anne.garnier@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	anne.garnier@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
20	Dr O'Brien \\ "x"; -- /* y */ é	$S$5UM.4MdjJSEMRqSuvSbGrXhEkskPa9FZwiGr0SCkH87e9Z452p0m	obrien@exemple.fr			\N	1400000000	1735000000	1735000000	1	Europe/Paris		0	obrien@exemple.fr	\\x613a313a7b733a373a22636f6e74616374223b693a313b7d
\.


--
-- Name: cache cache_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.cache
    ADD CONSTRAINT cache_pkey PRIMARY KEY (cid);


--
-- Name: field_data_field_rpps field_data_field_rpps_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.field_data_field_rpps
    ADD CONSTRAINT field_data_field_rpps_pkey PRIMARY KEY (entity_type, entity_id, deleted, delta, language);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (uid);


--
-- PostgreSQL database dump complete
--

\unrestrict sQBl976gwD1JEcgrv4Ima5yx8C20akO6PXdosyLYePCkWHNDj0vvoXfPVKRoNdj


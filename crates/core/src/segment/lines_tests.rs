//! Tests of the line pass.

use super::*;

fn paras(text: &str) -> Vec<&str> {
    paragraphs(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn wrapped_lines_join_and_heading_stays_alone() {
    let text = "Migrants Stranded in Desert Rescued\nAGADEZ, 3 June 2023 (IOM) – IOM rescued 150 migrants who had been\nstranded in the desert for five days. All received water and\nmedical care.\nThe rescue was carried out with local authorities.";
    let p = paras(text);
    assert_eq!(p.len(), 3);
    assert_eq!(p[0], "Migrants Stranded in Desert Rescued");
    assert!(p[1].starts_with("AGADEZ") && p[1].ends_with("medical care."));
}

#[test]
fn unwrapped_text_breaks_at_every_newline() {
    let long = "Word ".repeat(40);
    let text = format!("{long}\n{long}\nShort");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn unwrapped_list_entries_without_markers_stay_apart() {
    let long = "This release includes numerous updated software packages, such as the ones below, and more:";
    let text = format!("{long}\nKDE Plasma Workspaces and KDE Applications 4.4.5\nan updated version of the GNOME desktop environment 2.30\nthe Xfce 4.6 desktop environment");
    assert_eq!(paras(&text).len(), 4);
    let broken = format!("{} of\nthe world.", long.trim_end_matches(':'));
    assert_eq!(paras(&broken).len(), 1);
}

#[test]
fn blank_lines_and_crlf_end_paragraphs() {
    assert_eq!(paras("Title\r\n\r\nOne. Two.\r\n"), ["Title", "One. Two."]);
}

#[test]
fn indented_lower_case_line_continues_a_list_item() {
    let text = "The appeal covers the following needs of the displaced people:\n1. Shelter and non-food items\n2. Health care, including mental\n   health and psychosocial support\nFor more information, please contact us at the office.";
    assert_eq!(
        paras(text),
        [
            "The appeal covers the following needs of the displaced people:",
            "1. Shelter and non-food items",
            "2. Health care, including mental\n   health and psychosocial support",
            "For more information, please contact us at the office."
        ]
    );
}

#[test]
fn datelines_open_a_paragraph() {
    assert!(starts_dateline("ROME, 5 May 2024 (IOM) – More than"));
    assert!(starts_dateline("CIUDAD DE MÉXICO, 5 de junio de 2023 (OIM) – La OIM"));
    assert!(starts_dateline("GENEVA – IOM said"));
    assert!(starts_dateline("COX'S BAZAR, Bangladesh, 8 August 2023 (IOM) – Fires"));
    assert!(!starts_dateline("UNHCR, the UN refugee agency, said"));
    assert!(!starts_dateline("IOM staff said"));
    let text = "More than 3,000 migrants rescued in the Mediterranean this week\nROME, 5 May 2024 (IOM) – Italian coast guards rescued more than 3,000\nmigrants in the central Mediterranean this week, IOM said on Friday.";
    assert_eq!(paras(text).len(), 2);
}

#[test]
fn list_items_are_recognised() {
    assert!(starts_list_item("1. Shelter"));
    assert!(starts_list_item("• 10. Descansa"));
    assert!(starts_list_item("2) Health"));
    assert!(starts_list_item("- Where we work"));
    assert!(!starts_list_item("1.234.567 people"));
    assert!(!starts_list_item("— nearly 60 per cent"));
    assert!(!starts_list_item("2023 was"));
}

#[test]
fn headings_and_wrapped_title_case_lines_differ() {
    assert!(is_heading("Uniting to Combat Human Trafficking in Argentina"));
    assert!(is_heading("WHO WE ARE"));
    assert!(!is_heading("IOM and the Ministry of Social Development of the Province of"));
    assert!(!is_heading("Buenos Aires is a major destination point for international victims"));
}

#[test]
fn list_entries_without_markers_are_not_wrapped_lines() {
    // A package list (Debian 6.0 release) whose longest lines make it look
    // hard-wrapped: an entry before a short unpunctuated entry is whole.
    let text = "This release includes numerous updated software packages, such as:\nLXDE 0.5.0\nGIMP 2.6.11\nIceweasel 3.5.16 (an unbranded version of Mozilla Firefox)\nLinux 2.6.32\nPerl 5.10.1\nmore than 29,000 other ready-to-use software packages, built from nearly 15,000 source packages.";
    assert_eq!(paras(text).len(), 7);
    assert_eq!(paras(text)[3], "Iceweasel 3.5.16 (an unbranded version of Mozilla Firefox)");
    // Wrapped lines whose next line is short and unpunctuated still join
    // when the line stops mid-sentence.
    let wrapped = "The IOM study also found that people were being trafficked for\nlabour exploitation in addition to sexual exploitation in the\nprovince of Buenos Aires\nFor more information, please contact:";
    assert_eq!(paras(wrapped).len(), 2);
    assert!(paras(wrapped)[0].ends_with("province of Buenos Aires"));
}

#[test]
fn list_item_never_continues_the_line_before_in_unwrapped_text() {
    let text = "Our developer services will not be affected. These are the upload queues for both the main and the security archive:\na) ftp://ftp.upload.debian.org\nb) ftp://ftp.security.upload.debian.org";
    assert_eq!(
        paras(text),
        [
            "Our developer services will not be affected. These are the upload queues for both the main and the security archive:",
            "a) ftp://ftp.upload.debian.org",
            "b) ftp://ftp.security.upload.debian.org"
        ]
    );
}

#[test]
fn dateline_with_the_agency_in_parentheses_opens_a_paragraph_and_is_no_heading() {
    assert!(starts_dateline("BUENOS AIRES (OIM) - La OIM y el Ministerio"));
    assert!(starts_dateline("CAPE TOWN (Debian) – Today, Saturday 9 July 2016, the annual Debian"));
    assert!(!starts_dateline("IOM (the UN Migration Agency) said"));
    assert!(starts_dateline("Ginebra, 3 de mayo de 2024 – La Organización Internacional"));
    assert!(starts_dateline("Buenos Aires, 12 de marzo (OIM) - Más de"));
    assert!(starts_dateline("Geneva, 3 May 2024 – The International Organization"));
    assert!(!starts_dateline("Meanwhile, in 2019 - nearly half"));
    assert!(!starts_dateline("Juan Pérez, Oficial de Prensa"));
    // A long sentence-case headline before a title-case dateline.
    let es = "La OIM lanza un llamamiento urgente para ayudar a los desplazados por las lluvias\nGinebra, 3 de mayo de 2024 – La Organización Internacional para las Migraciones\n(OIM) lanzó hoy un llamamiento de 20 millones de dólares para atender a las\npersonas desplazadas por las inundaciones en el sur del país.";
    assert_eq!(paras(es).len(), 2);
    assert!(!is_heading("CAPE TOWN (Debian) - Today, Saturday 9 July 2016, the annual Debian"));
    let text = "DebConf16 closes in Cape Town and DebConf17 dates announced\nCAPE TOWN (Debian) - Today, Saturday 9 July 2016, the annual Debian\nDevelopers and Contributors Conference came to a close. With over 280\npeople attending from all over the world, DebConf16 was a success.";
    let p = paras(text);
    assert_eq!(p.len(), 2);
    assert!(p[1].starts_with("CAPE TOWN") && p[1].ends_with("a success."));
}

#[test]
fn subtitle_after_a_heading_is_its_own_paragraph() {
    let text = "Soporte de seguridad para Debian 5.0 finalizado\nSoporte de seguridad para Debian GNU/Linux 5.0 finalizó el 6 de febrero\nUn año después de la publicación de Debian 6.0 alias “Squeeze”\ny cerca de tres años después de la publicación de Debian GNU/Linux\n5.0 alias “Lenny”, el soporte de seguridad llegó a su fin.";
    assert_eq!(paras(text).len(), 3);
    // The first line of a body paragraph after a section heading is not a
    // subtitle: few of its words are capitalised.
    let body = "Acerca de DebConf\nDebConf es la conferencia de desarrolladores del proyecto\nDebian. Además de un amplio programa de charlas técnicas, sociales\ny sobre reglamentación, DebConf proporciona una oportunidad.";
    assert_eq!(paras(body).len(), 2);
}

#[test]
fn dash_clause_on_a_wrapped_line_is_no_list_item() {
    let text = "IOM is appealing for USD 120 million to help approximately 4.5 million people\n– 60 per cent of them children – who need assistance after the floods. The\nappeal covers shelter, health and protection.";
    assert_eq!(paras(text).len(), 1);
    let list = "The appeal covers three needs of the displaced families in the region:\n– 60 per cent for shelter and non-food items in the camps\n– 40 per cent for health care";
    assert_eq!(paras(list).len(), 3);
}

#[test]
fn contact_and_credit_lines_are_labels() {
    assert!(is_label_line("E-mail:"));
    assert!(is_label_line("Tel.: +54 11 1234"));
    assert!(is_label_line("Photo: IOM 2023"));
    assert!(is_label_line("© IOM/Jane Doe"));
    assert!(!is_label_line("Tel Aviv is a city"));
}

#[test]
fn sentence_case_heading_before_a_wrapped_paragraph_stands_alone() {
    // Wrapped at 60 columns: the heading ends in a lower-case word and the
    // next line's first word would have fitted after it.
    let text = "Restauration d'un serveur Debian après intrusion\nUn serveur principal du projet Debian a été réinstallé suite\nà une intrusion et ses services ont été restaurés. Le 12\njuillet, la machine gluck.debian.org a été compromise en\nutilisant une vulnérabilité locale du noyau Linux pour\nobtenir des privilèges plus élevés. L'intrus a obtenu un\naccès via le compte détourné d'un développeur.";
    let p = paras(text);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0], "Restauration d'un serveur Debian après intrusion");
    // A first line that ends in a name, or has a comma, is a wrapped line.
    let text = "If you wish to charge a fee or distribute a Project\nGutenberg electronic work or group of works on different terms\nthan are set forth in this agreement, you must obtain\npermission in writing from the Project Gutenberg Literary\nArchive Foundation, the manager of the trademark. Contact the\nFoundation as set forth in Section 3 below.";
    assert_eq!(paras(text).len(), 1);
}

#[test]
fn french_contact_lines_and_spaced_closing_guillemets() {
    assert!(is_label_line("Courriel : mdubois@iom.int"));
    assert!(is_label_line("Tél. : +41 22 717 91 11"));
    assert!(ends_sentence("« Les besoins sont immenses. »"));
    assert!(ends_sentence("« Nous reviendrons\u{202f}!\u{202f}»"));
    assert!(starts_dateline("Genève, 12 mars 2024 – L'OIM a lancé un appel."));
}

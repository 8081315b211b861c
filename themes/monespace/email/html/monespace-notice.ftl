<#--
  MonEspace notice mail: title, one or two paragraphs, optional action link.
  Sent by fr.ordre.monespace.delivery.Notices, for instance:

    session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
        .send("monespacePasswordChangedSubject", List.of(), "monespace-notice.ftl", Map.of(
            "noticeTitleKey", "monespacePasswordChangedTitle",
            "noticeBodyKey", "monespacePasswordChangedBody",
            "noticeArgs", List.of(formattedDate),        // fills {0}… of the body
            "noticeNoteKey", "monespaceEmailNotYouChange", // optional
            "actionUrl", supportUrl,                     // optional
            "actionKey", "monespaceContactOrdre"));      // optional

  Attributes: noticeTitleKey, noticeBodyKey (required), noticeArgs (list, up
  to 4), noticeNoteKey (optional second paragraph), actionUrl + actionKey.
-->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey=noticeTitleKey!"">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key=noticeBodyKey args=noticeArgs![]/>
<#if actionUrl?has_content>
<@layout.button url=actionUrl labelKey=actionKey!"monespaceEmailOpenAction"/>
</#if>
<#if noticeNoteKey?has_content>
<@layout.paragraph key=noticeNoteKey/>
</#if>
</@layout.emailLayout>

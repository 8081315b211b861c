<#--
  Example MonEspace mail: a generic notice (title, one or two paragraphs,
  optional action link). Sent from Java with, for instance:

    session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
        .send("monespaceNoticeSubject", List.of(), "monespace-notice.ftl", Map.of(
            "noticeTitleKey", "monespaceNoticeExampleTitle",
            "noticeBodyKey", "monespaceNoticeExampleBody",
            "noticeArgs", List.of(formattedDate),        // fills {0}… of the body
            "actionUrl", loginUrl,                       // optional
            "actionKey", "monespaceNoticeExampleAction")); // optional

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

<#ftl output_format="plainText">
<#-- Plain-text version of html/monespace-activated.ftl. -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceCreatedTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceCreatedBody" args=[loginEmail]/>
<@layout.paragraph key="monespaceEmailNotYouChange"/>
</@layout.emailLayout>
